-- Loss Lens in Neovim's built-in LSP client (Neovim 0.7 or newer): put this in your init.lua.
-- `loss-lens` must be on PATH (npm link in the Loss Lens checkout), or set vim.g.loss_lens_cmd to
-- { 'node', '/path/to/loss-lens/dist/cli.js', 'lsp', '--stdio' }.
local loss_lens = {
  name = 'loss-lens',
  cmd = vim.g.loss_lens_cmd or { 'loss-lens', 'lsp', '--stdio' },
  -- The extension's settings, by the same names.
  init_options = { severity = { ['non-differentiable'] = 'info' }, fix = { epsilon = 1e-7 } },
}
local client_id
vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python' },
  callback = function(args)
    loss_lens.root_dir = vim.fn.getcwd()
    if vim.lsp.start then
      vim.lsp.start(loss_lens, { bufnr = args.buf })
    else
      client_id = client_id or vim.lsp.start_client(loss_lens)
      vim.lsp.buf_attach_client(args.buf, client_id)
    end
  end,
})

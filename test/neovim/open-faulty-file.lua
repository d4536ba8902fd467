-- Run by test/unit/neovim-client.test.mjs in `nvim --headless`: loads the README's configuration
-- (editors/neovim/loss-lens.lua), opens $LOSS_LENS_FILE, waits for the server's diagnostics, asks for the
-- hover at the first CodeLens, and writes what Neovim holds as JSON to $LOSS_LENS_OUT.
vim.cmd('filetype on')
vim.g.loss_lens_cmd = { 'node', vim.env.LOSS_LENS_CLI, 'lsp', '--stdio' }
dofile(vim.env.LOSS_LENS_CONFIG)
vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.LOSS_LENS_FILE))
local out = { filetype = vim.bo.filetype }
out.got_diagnostics = vim.wait(60000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(out.diagnostics, { code = d.code, lnum = d.lnum, col = d.col, severity = d.severity, source = d.source, message = d.message })
end
local params = { textDocument = vim.lsp.util.make_text_document_params() }
local lenses = vim.lsp.buf_request_sync(0, 'textDocument/codeLens', params, 20000) or {}
for _, response in pairs(lenses) do
  local first = response.result and response.result[1]
  if first then
    out.lens = first.command.title
    local hover = vim.lsp.buf_request_sync(0, 'textDocument/hover', { textDocument = params.textDocument, position = first.range.start }, 20000) or {}
    for _, h in pairs(hover) do
      if h.result then out.hover = h.result.contents.value end
    end
  end
end
local file = io.open(vim.env.LOSS_LENS_OUT, 'w')
file:write(vim.fn.json_encode(out))
file:close()
for _, client in pairs(vim.lsp.get_active_clients()) do client.stop() end
vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
vim.cmd('qa!')

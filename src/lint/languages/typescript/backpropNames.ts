/**
 * The names hand-written backpropagation goes by (backpropDeltas.ts): targets, outputs, hidden layers, the sigmoid's
 * derivative, element-wise products and subtractions of matrix libraries.
 */

/**
 * Names a target goes by in hand-written training code; also in the languages courses teach it in (`y_esperado`,
 * `objetivo`, `alvo`, `rotulo`, `etiqueta`, `cible`, `attendu`, `Ziel`).
 */
export const TARGET_NAME = /^(?:targets?|y_?true|true_?y|target_?(?:arr|array|matrix|vector|values?|outputs?|data|vec)|labels?_?(?:arr|array|matrix|vector|vec|values?|data|list|row)|answers?|expected\w*|desired\w*|labels?|y|ys|t|truth|goal|output_?data_?set|(?:y_?)?(?:esperad[oa]s?|desejad[oa]s?|desead[oa]s?|attendue?s?|erwartete?)(?:_?\w+)?|objetivos?|alvos?|r[oó]tulos?|etiquetas?|cibles?|ziele?|zielwerte?)$/i;
/** Names the network's output goes by; also `saida`, `salida`, `sortie`, `Ausgabe`, `previsto`, `ativacao`, `yChapeu` (ŷ). */
export const OUTPUT_NAME = /^(?:outputs?|output_?(?:arr|array|matrix|vector|values?|layer|activations?|out|act|activated)|out|o|guess(?:es)?|preds?|predictions?|predicted|actual|result|y_?hat|yhat|y_?pred|final_?outputs?|last_?(?:activation|output|layer)|a_?out|o_?i|out_?i|output_?i|sa[ií]das?|salidas?|sorties?|ausgaben?|uscit[ae]|previst[oa]s?|predit[oa]s?|predich[oa]s?|predi[cç][aã]o|predicci[oó]n|ativa[cç][aã]o|activaci[oó]n|obtid[oa]s?|obtenid[oa]s?|y_?chap[eé]u)$|^(?:sigmoid|net|network|model|nn)_?[oO]utputs?$/i;
/** A hidden layer's values: the derivative there belongs to every loss's backpropagation. */
export const HIDDEN_NAME = /hidden|^h\d*$|^z_?h|^a_?h/i;
/**
 * The sigmoid's derivative by name: `dsigmoid`, `sigmoidDerivative`, `sigmoid_prime`, `derivativeSigmoid`; as
 * Portuguese, Spanish, French and German code names it: `derivadaSigmoide`, `deriveeSigmoide`, `sigmoidAbleitung`.
 */
export const SIGMOID_DERIVATIVE = /^(?:d_?sigmoid|dsig|sigmoid_?(?:derivative|deriv|prime|grad(?:ient)?|d|dash)|(?:derivative|deriv|grad(?:ient)?|d)_?(?:of_?)?sigmoid|(?:derivada|d[eé]riv[eé]e|ableitung)_?(?:d[aeo]_?|der_?)?sigm[oó][iï]de?|sigm[oó][iï]de?_?(?:derivada|d[eé]riv[eé]e|ableitung))$/i;
/** A derivative held beside its function: `sigmoid.dfunc`, `Activations.sigmoid.dfn`, `this.activation.derivative`. */
export const DERIVATIVE_MEMBER = /^(?:d_?func|dfn|df|d|derivative|deriv|prime|grad|gradient|dactivation|d_?activation)$/i;
export const ELEMENTWISE_PRODUCT = /^(?:multiply|mult|mul|times|hadamard\w*|h_?multiply|h_?mult|h_?mul|h_?prod(?:uct)?|schur\w*|element_?(?:wise)?_?mul\w*|elementwise\w*|dot_?multiply|b_?wise_?mul\w*|multiply_?element\w*|multiply_?ew|mul_?ew|ew_?mul\w*|emul|(?:matrix|mat)_?(?:multiply|mult|mul)_?element\w*|multiplica_?elementos?\w*|produto_?hadamard|produit_?hadamard)$/i;
/**
 * `multiplicaMatriz`, `multiplicar`: as often the matrix product as the element-wise one in Portuguese and Spanish code;
 * element-wise where the file has a product of its own besides (`produtoEscalar`, `dot`), as `multiply` beside `dot`.
 */
export const AMBIGUOUS_PRODUCT = /^multiplica(?:r|_?matriz|_?matrizes)?$/i;
/** A matrix product helper by its name: `produtoEscalar`, `produtoMatricial`, `productoPunto`, `dot`, `matmul`. */
export const MATRIX_PRODUCT_FUNCTION = /\bfunction\s+(?:produto\w*|producto\w*|produit\w*|dot\w*|mat_?mul\w*)\s*\(/i;
/** Calls that give the same values back: a wrapper, a copy. */
export const SAME_VALUES = /^(?:matrix|Matrix|fromArray|from|copy|clone|toArray|tensor|array)$/;
/** A subtraction by name, `substract` (a common misspelling) included; `subtraiMatriz`, `restar`, `soustraire`. */
export const SUBTRACTION = /^(?:subs?tract|sub|minus|\w*(?:Minus|Subs?tract)\w*|(?:minus|subs?tract)\w+|(?:subtrai|subtrair|restar?|soustraire|subtrahieren)(?:[A-Z_]\w*)?)$/;
/** Cheap checks before any walk: some name of the file says sigmoid or a derivative. */
export const WORDS = /sigmoid|deriv|d[eé]riv|ableitung|prime|^d_?func$|^dfn$|^d_?activation$/i;

// SYNTAX TEST "source.ts" "environment reads and suppression directives in TypeScript"
const key = process.env.API_KEY; // secret-hints-ignore secret-env-read
//          ^^^^^^^ meta.secret-reference.env.secret-hints support.variable.object.process
//                 ^ punctuation.accessor
//                  ^^^ support.variable.environment.secret-hints
//                      ^^^^^^^ meta.secret-reference.env.secret-hints variable.other.property.environment.secret-hints
//                             ^ - meta.secret-reference.env.secret-hints
//                                  ^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.ts keyword.control.directive.secret-hints
//                                                      ^^^^^^^^^^^^^^^ constant.other.rule-id.secret-hints
const { DB_PASSWORD } = process.env;
//                      ^^^^^^^^^^^ meta.secret-reference.env.secret-hints
/* secret-hints-ignore-file env-dumped */
// <-- comment.block.ts
// ^^^^^^^^^^^^^^^^^^^^^^^^ comment.block.ts keyword.control.directive.secret-hints
//                          ^^^^^^^^^^ constant.other.rule-id.secret-hints
//                                     ^^ comment.block.ts - constant.other.rule-id.secret-hints
const text = "process.env.NOT_CODE";
//            ^^^^^^^^^^^^^^^^^^^^ string.quoted.double.ts - meta.secret-reference.env.secret-hints
const other = myprocess.env;
//            ^^^^^^^^^^^^^ - meta.secret-reference.env.secret-hints

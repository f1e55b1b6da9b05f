// SYNTAX TEST "source.js" "environment reads in JavaScript"
const token = process.env["API_TOKEN"]; // secret-hints-ignore secret-env-read
//            ^^^^^^^^^^^ meta.secret-reference.env.secret-hints
//                                         ^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.js keyword.control.directive.secret-hints
console.log(process?.env);
//          ^^^^^^^^^^^^ meta.secret-reference.env.secret-hints

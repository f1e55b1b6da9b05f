// SYNTAX TEST "source.go" "environment reads and suppression directives in Go"
package main

import (
    "fmt"
    "os"
    "syscall"
)

var password = os.Getenv("DB_PASSWORD") // secret-hints-ignore secret-env-read -- test fixture
//             ^^ meta.secret-reference.env.secret-hints entity.name.package.go
//               ^ meta.secret-reference.env.secret-hints punctuation.other.period.go
//                ^^^^^^ meta.secret-reference.env.secret-hints support.function.environment.secret-hints
//                      ^ - meta.secret-reference.env.secret-hints
//                       ^^^^^^^^^^^^^ string.quoted.double.go - meta.secret-reference.env.secret-hints
//                                      ^^ comment.line.double-slash.go punctuation.definition.comment.go - meta.directive.secret-hints
//                                         ^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.go meta.directive.secret-hints keyword.control.directive.secret-hints
//                                                             ^^^^^^^^^^^^^^^ comment.line.double-slash.go meta.directive.secret-hints constant.other.rule-id.secret-hints
//                                                                             ^^ meta.directive.secret-hints punctuation.separator.reason.secret-hints
//                                                                                ^^^^^^^^^^^^ meta.directive.secret-hints string.unquoted.reason.secret-hints
var apiKey, found = os.LookupEnv("API_KEY")
//                  ^^^^^^^^^^^^ meta.secret-reference.env.secret-hints
//                     ^^^^^^^^^ support.function.environment.secret-hints
//  ^^^^^^ - meta.secret-reference.env.secret-hints
//                               ^^^^^^^^^ string.quoted.double.go - meta.secret-reference.env.secret-hints
var everything = os.Environ()
//               ^^^^^^^^^^ meta.secret-reference.env.secret-hints
//                  ^^^^^^^ support.function.environment.secret-hints
//                         ^^ - meta.secret-reference.env.secret-hints
var token, _ = syscall.Getenv("TOKEN")
//             ^^^^^^^ meta.secret-reference.env.secret-hints entity.name.package.go
//                     ^^^^^^ meta.secret-reference.env.secret-hints support.function.environment.secret-hints
var spaced = os . Getenv("SPACED_TOKEN")
//           ^^^^^^^^^^^ meta.secret-reference.env.secret-hints
//                ^^^^^^ support.function.environment.secret-hints
var getenv = os.Getenv
//           ^^^^^^^^^ meta.secret-reference.env.secret-hints
var label = "os.Getenv is only text here"
//           ^^^^^^^^^ string.quoted.double.go - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
var raw = `os.LookupEnv("RAW")
the next line of a raw string: os.Environ()`
//                             ^^^^^^^^^^ string.quoted.raw.go - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
// os.Getenv("IN_A_LINE_COMMENT")
// ^^^^^^^^^ comment.line.double-slash.go - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
/* os.Environ() in a block comment,
// ^^^^^^^^^^ comment.block.go - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
   os.LookupEnv("ON_ITS_SECOND_LINE") secret-hints-ignore-file env-dumped */
// ^^^^^^^^^^^^ comment.block.go - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
//                                    ^^^^^^^^^^^^^^^^^^^^^^^^ comment.block.go meta.directive.secret-hints keyword.control.directive.secret-hints
//                                                             ^^^^^^^^^^ comment.block.go constant.other.rule-id.secret-hints
//                                                                        ^^ comment.block.go punctuation.definition.comment.go - constant.other.rule-id.secret-hints
var notOs = myos.Getenv("B")
//          ^^^^^^^^^^^ - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
var longer = os.GetenvX("C")
//           ^^^^^^^^^^ - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
var field = cfg.os.Getenv("D")
//              ^^^^^^^^^ - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
var method = env.Getenv("E")
//           ^^^^^^^^^^ - meta.secret-reference.env.secret-hints support.function.environment.secret-hints

func main() {
    fmt.Println(password) // secret-hints-ignore secret-logged, env-dumped
//              ^^^^^^^^ - meta.secret-reference.env.secret-hints
//                           ^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.go keyword.control.directive.secret-hints
//                                               ^^^^^^^^^^^^^ constant.other.rule-id.secret-hints
//                                                            ^ punctuation.separator.comma.secret-hints
//                                                              ^^^^^^^^^^ constant.other.rule-id.secret-hints
    // a comment that mentions not-secret-hints-ignore
//                             ^^^^^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.go - keyword.control.directive.secret-hints
}

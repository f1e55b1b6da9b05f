// SYNTAX TEST "source.java" "environment reads and suppression directives in Java"
package com.example;

import java.util.Map;

public final class Code {
    static final String KEY = System.getenv("API_KEY"); // secret-hints-ignore secret-env-read -- test fixture
//                            ^^^^^^ meta.secret-reference.env.secret-hints storage.type.java
//                                  ^ meta.secret-reference.env.secret-hints punctuation.separator.period.java
//                                   ^^^^^^ meta.secret-reference.env.secret-hints support.function.environment.secret-hints
//                                         ^ - meta.secret-reference.env.secret-hints
//                                          ^^^^^^^^^ string.quoted.double.java - meta.secret-reference.env.secret-hints
//                                                      ^^ comment.line.double-slash.java punctuation.definition.comment.java - meta.directive.secret-hints
//                                                         ^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.java meta.directive.secret-hints keyword.control.directive.secret-hints
//                                                                             ^^^^^^^^^^^^^^^ comment.line.double-slash.java meta.directive.secret-hints constant.other.rule-id.secret-hints
//                                                                                             ^^ meta.directive.secret-hints punctuation.separator.reason.secret-hints
//                                                                                                ^^^^^^^^^^^^ meta.directive.secret-hints string.unquoted.reason.secret-hints

    static void main(String[] args) {
        Map<String, String> env = System.getenv();
//                                ^^^^^^^^^^^^^ meta.secret-reference.env.secret-hints
//                                       ^^^^^^ support.function.environment.secret-hints
//                                             ^^ - meta.secret-reference.env.secret-hints
        String spaced = System . getenv("SPACED_TOKEN");
//                      ^^^^^^^^^^^^^^^ meta.secret-reference.env.secret-hints
//                               ^^^^^^ support.function.environment.secret-hints
        String label = "System.getenv is only text here";
//                      ^^^^^^^^^^^^^ string.quoted.double.java - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
        String block = """
            a text block that says System.getenv("TEXT_BLOCK")
//                                 ^^^^^^^^^^^^^ string.quoted.triple.java - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
            """;
        // System.getenv("IN_A_LINE_COMMENT")
//         ^^^^^^^^^^^^^ comment.line.double-slash.java - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
        /* System.getenv() in a block comment,
//         ^^^^^^^^^^^^^ comment.block.java - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
           System.getenv("ON_ITS_SECOND_LINE") secret-hints-ignore-file env-dumped */
//         ^^^^^^^^^^^^^ comment.block.java - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
//                                             ^^^^^^^^^^^^^^^^^^^^^^^^ comment.block.java meta.directive.secret-hints keyword.control.directive.secret-hints
//                                                                      ^^^^^^^^^^ comment.block.java constant.other.rule-id.secret-hints
//                                                                                 ^^ comment.block.java punctuation.definition.comment.java - constant.other.rule-id.secret-hints
        String other = MySystem.getenv("B");
//                     ^^^^^^^^^^^^^^^ - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
        String longer = System.getenvX("C");
//                      ^^^^^^^^^^^^^^ - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
        String property = System.getProperty("D");
//                        ^^^^^^^^^^^^^^^^^^ - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
        String dollar = $System.getenv("E");
//                       ^^^^^^^^^^^^^ - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
        System.out.println(KEY); // secret-hints-ignore secret-logged, env-dumped
//      ^^^^^^^^^^ - meta.secret-reference.env.secret-hints
//                                  ^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.java keyword.control.directive.secret-hints
//                                                      ^^^^^^^^^^^^^ constant.other.rule-id.secret-hints
//                                                                   ^ punctuation.separator.comma.secret-hints
//                                                                     ^^^^^^^^^^ constant.other.rule-id.secret-hints
    }

    /** Javadoc: reads System.getenv("DOC"). secret-hints-ignore secret-env-read */
//                     ^^^^^^^^^^^^^ comment.block.javadoc.java - meta.secret-reference.env.secret-hints support.function.environment.secret-hints
//                                           ^^^^^^^^^^^^^^^^^^^ comment.block.javadoc.java keyword.control.directive.secret-hints
//                                                               ^^^^^^^^^^^^^^^ constant.other.rule-id.secret-hints
    String javadoc() {
        return System.getenv("DOC");
//                    ^^^^^^ meta.secret-reference.env.secret-hints support.function.environment.secret-hints
    }
}

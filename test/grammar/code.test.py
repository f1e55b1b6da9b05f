# SYNTAX TEST "source.python" "environment reads and suppression directives in Python"
import os
password = os.environ["DB_PASSWORD"]  # secret-hints-ignore secret-env-read -- test fixture
#          ^^ meta.secret-reference.env.secret-hints variable.other.object.python
#            ^ meta.secret-reference.env.secret-hints punctuation.separator.period.python
#             ^^^^^^^ meta.secret-reference.env.secret-hints support.variable.environment.secret-hints
#                    ^ - meta.secret-reference.env.secret-hints
#                                     ^ comment.line.number-sign.python
#                                       ^^^^^^^^^^^^^^^^^^^ comment.line.number-sign.python keyword.control.directive.secret-hints
#                                                           ^^^^^^^^^^^^^^^ constant.other.rule-id.secret-hints
token = os.getenv("API_TOKEN", "")
#       ^^^^^^^^^ meta.secret-reference.env.secret-hints
#          ^^^^^^ support.variable.environment.secret-hints
label = "os.environ is read here"
#        ^^^^^^^^^^ string.quoted.single.python - meta.secret-reference.env.secret-hints
cosmos.environment = 1
#^^^^^^^^^^^^^^^^^ - meta.secret-reference.env.secret-hints

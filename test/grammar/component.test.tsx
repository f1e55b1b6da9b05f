// SYNTAX TEST "source.tsx" "environment reads in TSX"
export const Banner = () => <div>{process.env.PUBLIC_URL}</div>; // secret-hints-ignore
//                                ^^^^^^^^^^^^^^^^^^^^^^ meta.secret-reference.env.secret-hints
//                                                                  ^^^^^^^^^^^^^^^^^^^ comment.line.double-slash.tsx keyword.control.directive.secret-hints

// SYNTAX TEST "source.js.jsx" "environment reads in JSX"
const View = () => <p>{process.env.REACT_APP_NAME}</p>; // secret-hints-ignore-file
//                     ^^^^^^^^^^^^^^^^^^^^^^^^^^ meta.secret-reference.env.secret-hints
//                                                         ^^^^^^^^^^^^^^^^^^^^^^^^ keyword.control.directive.secret-hints

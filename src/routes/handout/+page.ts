// The handout is a document to print: prerendered HTML and CSS only, no JavaScript at all (its
// formulas are typeset at build time, like the lecture's).
export const csr = false;

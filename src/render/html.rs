//! HTML helpers: the smallest pieces of a view (a text in its language, a
//! link), short texts typeset, and the plan's paragraphs with their task
//! clauses and unit links.

pub mod para;
pub mod text;
pub mod typeset;

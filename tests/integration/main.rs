//! Integration tests: one binary; each test copies a site into a temp dir,
//! runs `plansite`, and asserts on files and messages.

#![allow(unreachable_pub)]

mod any_plan;
mod bad_input;
mod build;
mod concurrent;
mod docx;
mod english;
mod frame;
mod house;
mod import;
mod incremental;
mod links;
mod plans;
mod plans_linked;
mod plans_portal;
mod plans_search;
mod progress;
mod reader;
mod search;
mod serve;
mod sheet;
mod support;
mod translate;
mod word;

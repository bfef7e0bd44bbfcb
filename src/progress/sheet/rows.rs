//! The rows of the progress sheet → the parts of a release file, the
//! columns found by `layout`. A row whose cells staff left empty states
//! nothing and is left out.
//! A filled row must have what its kind needs, and nothing in a column its
//! kind does not use; each problem names its cell.

use super::cells::{self, Refusal};
use super::emit::{self, Field, Parts, Table};
use super::layout::{at_cell, layout, Layout};
use super::read::{Cell, Grid};
use super::{cell_ref, parse_status, status_label, Col, Kind, COLUMNS};
use crate::diag::{Bilingual, Diagnostics};
use crate::i18n::I18n;
use crate::progress::model::WorkStatus;

/// One row being read.
struct Row<'a> {
    grid: &'a Grid,
    layout: &'a Layout,
    row: usize,
    path: &'a str,
}

impl Row<'_> {
    fn cell(&self, col: Col) -> &Cell {
        match self.layout.cols.get(&col) {
            Some(&c) => self.grid.get(self.row, c),
            None => &Cell::Empty,
        }
    }

    /// The cell's name, `进展!D7`.
    fn at(&self, col: Col) -> String {
        let c = self.layout.cols.get(&col).copied().unwrap_or(0);
        cell_ref(self.grid.sheet.as_deref(), self.row, c)
    }

    fn err(&self, col: Col, msg: Refusal, hint: (&str, &str), d: &mut Diagnostics) {
        let msg = Bilingual::new(msg.0, msg.1);
        d.push(at_cell(self.path, &self.at(col), msg, hint));
    }

    fn filled(&self, col: Col) -> bool {
        *self.cell(col) != Cell::Empty
    }

    /// A cell the row's kind needs: reports it when empty.
    fn need<T>(&self, col: Col, v: Option<T>, d: &mut Diagnostics) -> Option<T> {
        if v.is_none() {
            let (zh, en) = col.headers();
            let msg = (format!("“{zh}”为空"), format!("“{en}” is empty"));
            self.err(col, msg, ("请填写此格", "fill in this cell"), d);
        }
        v
    }

    /// A typed cell: `read` refused it, or it is empty, or it holds a value.
    fn typed<T>(
        &self,
        col: Col,
        read: fn(&Cell) -> Result<Option<T>, Refusal>,
        d: &mut Diagnostics,
    ) -> Result<Option<T>, ()> {
        read(self.cell(col)).map_err(|msg| {
            let hint = match col {
                Col::Date => ("日期写作 2026-01-20", "write dates as 2026-01-20"),
                _ => (
                    "只填写数字，单位见“单位”列",
                    "give the number only; the unit is in the Unit column",
                ),
            };
            self.err(col, msg, hint, d);
        })
    }

    fn field(&self, key: &'static str, col: Col, value: String) -> Field {
        Field {
            key,
            value,
            cell: self.at(col),
            text: false,
        }
    }

    /// A bilingual text from two columns; `None` when both are empty.
    fn loc(&self, key: &'static str, (zh, en): (Col, Col), d: &mut Diagnostics) -> Option<Field> {
        let (tz, te) = (cells::text(self.cell(zh)), cells::text(self.cell(en)));
        if tz.is_none() && te.is_some() {
            let msg = (
                "只有英文，没有中文".into(),
                "English without Chinese".into(),
            );
            self.err(zh, msg, ("请填写中文", "give the Chinese"), d);
            return None;
        }
        let value = emit::loc(tz.as_deref()?, te.as_deref().unwrap_or(""));
        Some(Field {
            key,
            value,
            cell: self.at(en),
            text: true,
        })
    }
}

/// The parts of the release file the sheet states.
pub(super) fn parts(grid: &Grid, i18n: &I18n, path: &str, d: &mut Diagnostics) -> Parts {
    let mut parts = Parts::default();
    let Some(layout) = layout(grid, path, d) else {
        return parts;
    };
    let mut as_of_row = None;
    for row in layout.first..grid.rows.len() {
        let r = Row {
            grid,
            layout: &layout,
            row,
            path,
        };
        let Some(kind) = kind(&r, d) else {
            continue;
        };
        if kind == Kind::AsOf {
            as_of_row.get_or_insert(row);
        }
        // Any cell staff fill makes the row an entry: a figure in the
        // wrong column is refused, never dropped.
        let staff = COLUMNS.iter().filter(|c| !c.3).map(|c| c.0);
        let stated = kind.filled().into_iter().chain(staff).any(|c| r.filled(c));
        if !stated || !only_its_columns(&r, kind, d) {
            continue;
        }
        if let Some(table) = entry(&r, kind, i18n, d) {
            parts.tables.push(table);
        } else if let Some(field) = top(&r, kind, d) {
            if parts.top.iter().any(|f| f.key == field.key) {
                let msg = (
                    "此项在上面已经填写".into(),
                    "this is given above already".into(),
                );
                r.err(Col::Kind, msg, ("每项只填写一次", "give it once"), d);
            } else {
                parts.top.push(field);
            }
        }
    }
    if !parts.top.iter().any(|f| f.key == "as_of") {
        let r = Row {
            grid,
            layout: &layout,
            row: as_of_row.unwrap_or(layout.first),
            path,
        };
        r.need::<()>(Col::Date, None, d);
    }
    parts.top.sort_by_key(|f| {
        ["as_of", "title", "note", "reports"]
            .iter()
            .position(|k| *k == f.key)
    });
    parts
}

/// The row's kind; `None` for an empty row (or an error when only the
/// kind is missing).
fn kind(r: &Row<'_>, d: &mut Diagnostics) -> Option<Kind> {
    let Some(text) = cells::text(r.cell(Col::Kind)) else {
        if COLUMNS.iter().any(|c| !c.3 && r.filled(c.0)) {
            let msg = ("“类别”为空".into(), "“Kind” is empty".into());
            r.err(
                Col::Kind,
                msg,
                ("复制整行时请连同“类别”一起复制", "copy a row with its Kind"),
                d,
            );
        }
        return None;
    };
    let kind = Kind::parse(&text);
    if kind.is_none() {
        let msg = (
            format!("未知的类别“{text}”"),
            format!("unknown kind “{text}”"),
        );
        r.err(
            Col::Kind,
            msg,
            (
                "请从下拉列表中选择类别",
                "choose a kind from the drop-down list",
            ),
            d,
        );
    }
    kind
}

/// Refuses a filled cell in a column the row's kind does not use.
fn only_its_columns(r: &Row<'_>, kind: Kind, d: &mut Diagnostics) -> bool {
    let used = kind.filled();
    let mut ok = true;
    for (col, zh, en, _) in COLUMNS.iter().filter(|c| !c.3) {
        if r.filled(*col) && !used.contains(col) {
            let msg = (
                format!("“{}”行不填写“{zh}”", kind.label()),
                format!("a “{}” row has no “{en}”", kind.code()),
            );
            r.err(
                *col,
                msg,
                (
                    "请清空此格，或把内容填到对应的行",
                    "clear this cell, or move it to the row it belongs to",
                ),
                d,
            );
            ok = false;
        }
    }
    ok
}

/// The release's own keys: `as_of`, `title`, `note`, `reports`.
fn top(r: &Row<'_>, kind: Kind, d: &mut Diagnostics) -> Option<Field> {
    match kind {
        Kind::AsOf => {
            let date = r.typed(Col::Date, cells::date, d).ok()?;
            Some(r.field("as_of", Col::Date, emit::string(&date?.to_string())))
        }
        Kind::Title => r.loc("title", (Col::TextZh, Col::TextEn), d),
        Kind::Note => r.loc("note", (Col::NoteZh, Col::NoteEn), d),
        Kind::Reports => {
            let text = cells::text(r.cell(Col::Id)).unwrap_or_default();
            let slugs: Vec<String> = text
                .split([',', '，', '、', ';', '；', ' '])
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            Some(r.field("reports", Col::Id, emit::strings(&slugs)))
        }
        _ => None,
    }
}

/// An entry of the release file: `[[value]]`, `[[task]]`, …
fn entry(r: &Row<'_>, kind: Kind, i18n: &I18n, d: &mut Diagnostics) -> Option<Table> {
    let fields = match kind {
        Kind::Value | Kind::Assessment | Kind::CityTarget => sourced(r, kind, d)?,
        Kind::Task | Kind::Commitment | Kind::Project => work(r, kind, i18n, d)?,
        Kind::AsOf | Kind::Title | Kind::Note | Kind::Reports => return None,
    };
    Some(Table {
        name: kind.code(),
        cell: r.at(Col::Kind),
        fields,
    })
}

/// A value, assessment or city target: its figure or judgement, the date
/// and the source.
fn sourced(r: &Row<'_>, kind: Kind, d: &mut Diagnostics) -> Option<Vec<Field>> {
    let indicator = r.typed(Col::Id, cells::whole, d);
    let year = match kind {
        Kind::CityTarget => Ok(Some(0)),
        _ => r
            .typed(Col::Year, cells::whole, d)
            .map(|y| r.need(Col::Year, y, d)),
    };
    let value = match kind {
        Kind::Assessment => Ok(Some(0.0)),
        _ => r
            .typed(Col::Value, cells::number, d)
            .map(|v| r.need(Col::Value, v, d)),
    };
    let judgement = match kind {
        Kind::Assessment => r.need(
            Col::TextZh,
            r.loc("judgement", (Col::TextZh, Col::TextEn), d),
            d,
        ),
        _ => None,
    };
    let cumulative = match kind {
        Kind::CityTarget => cells::yes_no(r.cell(Col::Cumulative)).map_err(|msg| {
            r.err(
                Col::Cumulative,
                msg,
                ("请选择“是”或“否”", "choose yes or no"),
                d,
            )
        }),
        _ => Ok(false),
    };
    let date = r
        .typed(Col::Date, cells::date, d)
        .map(|v| r.need(Col::Date, v, d));
    let source = r.need(
        Col::SourceZh,
        r.loc("source", (Col::SourceZh, Col::SourceEn), d),
        d,
    );
    let note = r.loc("note", (Col::NoteZh, Col::NoteEn), d);
    let (indicator, year, value) = (
        r.need(Col::Id, indicator.ok()?, d)?,
        year.ok()??,
        value.ok()??,
    );
    let (cumulative, date, source) = (cumulative.ok()?, date.ok()??, source?);
    let mut out = vec![r.field("indicator", Col::Id, indicator.to_string())];
    if kind != Kind::CityTarget {
        out.push(r.field("year", Col::Year, year.to_string()));
    }
    match kind {
        Kind::Assessment => out.push(judgement?),
        _ => {
            out.push(r.field("value", Col::Value, emit::float(value)));
            let unit = cells::text(r.cell(Col::Unit)).unwrap_or_default();
            out.push(r.field("unit", Col::Unit, emit::string(&unit)));
        }
    }
    if cumulative {
        out.push(r.field("cumulative", Col::Cumulative, "true".into()));
    }
    out.push(r.field("date", Col::Date, emit::string(&date.to_string())));
    out.push(source);
    out.extend(note);
    Some(out)
}

/// A task, commitment or project item: its status and note.
fn work(r: &Row<'_>, kind: Kind, i18n: &I18n, d: &mut Diagnostics) -> Option<Vec<Field>> {
    let status_text = r.need(Col::Status, cells::text(r.cell(Col::Status)), d);
    let status = status_text.and_then(|t| {
        let s = parse_status(&t, i18n);
        if s.is_none() {
            let all: Vec<String> = WorkStatus::ALL
                .iter()
                .map(|&s| status_label(s, i18n))
                .collect();
            let msg = (format!("未知的状态“{t}”"), format!("unknown status “{t}”"));
            let hint = format!("请从下拉列表中选择：{}", all.join("；"));
            r.err(
                Col::Status,
                msg,
                (
                    &hint,
                    &format!("choose from the drop-down list: {}", all.join("; ")),
                ),
                d,
            );
        }
        s
    });
    let mut out = if kind == Kind::Project {
        let number = r.typed(Col::Id, cells::whole, d).ok().flatten();
        let item = r.typed(Col::Item, cells::whole, d).ok()?;
        let mut f = vec![r.field("box", Col::Id, r.need(Col::Id, number, d)?.to_string())];
        f.extend(item.map(|i| r.field("item", Col::Item, i.to_string())));
        f
    } else {
        let id = r.need(Col::Id, cells::text(r.cell(Col::Id)), d)?;
        vec![r.field("id", Col::Id, emit::string(&id))]
    };
    out.push(r.field("status", Col::Status, emit::string(status?.code())));
    out.extend(r.loc("note", (Col::NoteZh, Col::NoteEn), d));
    Some(out)
}

//! `progress template`: the workbook staff fill in. Its first sheet
//! (`说明`) says in Chinese and English how to fill it; the second
//! (`进展`) has a row for each of the release's own fields, then one for
//! every indicator (a value row, and an assessment or city-target row
//! where its target asks for one), task, commitment and key-project item,
//! with the ids, names and units the content gives. Nothing else is
//! filled in: no value, year, date, status or source that the content does
//! not have. Headers are frozen; kinds, statuses and yes/no are drop-down
//! lists; read-only columns are shaded.

use super::{guide, KINDS};
use super::{status_label, Col, Kind, COLUMNS, HEADER_ROWS, SHEET, YES_NO};
use crate::i18n::I18n;
use crate::model::{CommitmentKind, Direction, Site};
use crate::progress::model::WorkStatus;
use crate::progress::{target_kind, TargetKind};
use crate::render::exports::data::plain;
use anyhow::Result;
use rust_xlsxwriter::{
    Color, DataValidation, DocProperties, ExcelDateTime, Format, Workbook, Worksheet,
};

/// Rows below the listed ones that keep the drop-down lists, for rows
/// staff copy (a second year of a value).
const SPARE_ROWS: usize = 500;

/// A row of the template: what the content says of one item.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ItemRow {
    pub(super) kind: Kind,
    /// An indicator or box number, or a task or commitment id.
    pub(super) id: Id,
    pub(super) item: Option<u32>,
    pub(super) name: (String, String),
    pub(super) unit: String,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Id {
    None,
    Number(u32),
    Text(String),
}

/// Every row the template lists, in sheet order.
pub(super) fn item_rows(site: &Site) -> Vec<ItemRow> {
    let mut rows: Vec<ItemRow> = [Kind::AsOf, Kind::Title, Kind::Note, Kind::Reports]
        .into_iter()
        .map(|kind| ItemRow {
            kind,
            id: Id::None,
            item: None,
            name: (String::new(), String::new()),
            unit: String::new(),
        })
        .collect();
    for i in &site.table.indicators {
        let mut kinds = vec![];
        if i.direction != Direction::None {
            kinds.push(Kind::Value);
        }
        match target_kind(i) {
            TargetKind::Qualitative => kinds.push(Kind::Assessment),
            TargetKind::CityAssigned => kinds.push(Kind::CityTarget),
            TargetKind::Number(_) => {}
        }
        for kind in kinds {
            rows.push(ItemRow {
                kind,
                id: Id::Number(i.number),
                item: None,
                name: (i.name.zh.clone(), i.name.en.clone()),
                unit: i.unit.zh.clone(),
            });
        }
    }
    rows.extend(site.tasks.iter().map(|t| {
        work(
            Kind::Task,
            Id::Text(t.id.0.clone()),
            None,
            (&t.title.zh, &t.title.en),
        )
    }));
    let commitments = site
        .commitments
        .iter()
        .filter(|c| c.kind == CommitmentKind::Commitment);
    rows.extend(commitments.map(|c| {
        work(
            Kind::Commitment,
            Id::Text(c.id.clone()),
            None,
            (&c.text.zh, &c.text.en),
        )
    }));
    for b in &site.boxes {
        for (n, it) in b.numbered_items() {
            let en = it.en.html().map(plain).unwrap_or_default();
            rows.push(work(
                Kind::Project,
                Id::Number(b.number),
                Some(n),
                (&plain(&it.zh), &en),
            ));
        }
    }
    rows
}

fn work(kind: Kind, id: Id, item: Option<u32>, name: (&str, &str)) -> ItemRow {
    ItemRow {
        kind,
        id,
        item,
        name: (name.0.to_string(), name.1.to_string()),
        unit: String::new(),
    }
}

/// The template workbook's bytes.
pub fn workbook(site: &Site, i18n: &I18n) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    // A fixed creation time (the zip entries' own), so that the same
    // content gives the same file: the clock reaches no output.
    let epoch = ExcelDateTime::from_ymd(1980, 1, 1)?;
    let title = format!("{}：进展数据填报表 / Progress workbook", site.plan.title.zh);
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&epoch),
    );
    book.push_worksheet(guide::sheet(site)?);
    book.push_worksheet(progress_sheet(site, i18n)?);
    Ok(book.save_to_buffer()?)
}

fn progress_sheet(site: &Site, i18n: &I18n) -> Result<Worksheet> {
    let mut ws = Worksheet::new();
    ws.set_name(SHEET)?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9E1F2))
        .set_text_wrap();
    let fixed = Format::new().set_background_color(Color::RGB(0xF2F2F2));
    for (c, (col, zh, en, _)) in COLUMNS.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, *zh, &header)?;
        ws.write_string_with_format(1, c, *en, &header)?;
        let width = match col {
            Col::Name | Col::NameEn => 40,
            Col::Kind | Col::TextZh | Col::TextEn | Col::SourceZh | Col::SourceEn => 22,
            Col::NoteZh | Col::NoteEn | Col::Status => 18,
            _ => 11,
        };
        ws.set_column_width(c, width)?;
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.set_column_format(col(Col::Date), &date)?;
    let rows = item_rows(site);
    for (i, r) in rows.iter().enumerate() {
        write_row(&mut ws, (HEADER_ROWS + i) as u32, r, &fixed)?;
    }
    ws.set_freeze_panes(HEADER_ROWS as u32, col(Col::Name) + 1)?;
    let last = (HEADER_ROWS + rows.len() + SPARE_ROWS) as u32;
    let lists: [(Col, Vec<String>); 3] = [
        (Col::Kind, KINDS.iter().map(|k| k.0.label()).collect()),
        (
            Col::Status,
            WorkStatus::ALL
                .iter()
                .map(|&s| status_label(s, i18n))
                .collect(),
        ),
        (
            Col::Cumulative,
            YES_NO.iter().map(|s| s.to_string()).collect(),
        ),
    ];
    for (c, list) in lists {
        let rule = DataValidation::new().allow_list_strings(&list)?;
        ws.add_data_validation(HEADER_ROWS as u32, col(c), last, col(c), &rule)?;
    }
    Ok(ws)
}

/// The 0-based sheet column of `c`.
pub(super) fn col(c: Col) -> u16 {
    COLUMNS.iter().position(|k| k.0 == c).unwrap_or(0) as u16
}

fn write_row(ws: &mut Worksheet, row: u32, r: &ItemRow, fixed: &Format) -> Result<()> {
    ws.write_string_with_format(row, col(Col::Kind), r.kind.label(), fixed)?;
    match &r.id {
        Id::Number(n) => ws.write_number_with_format(row, col(Col::Id), *n, fixed)?,
        Id::Text(t) => ws.write_string_with_format(row, col(Col::Id), t, fixed)?,
        // The release's own rows: staff type report names in the id cell.
        Id::None if r.kind == Kind::Reports => ws,
        Id::None => ws.write_blank(row, col(Col::Id), fixed)?,
    };
    if let Some(n) = r.item {
        ws.write_number_with_format(row, col(Col::Item), n, fixed)?;
    } else {
        ws.write_blank(row, col(Col::Item), fixed)?;
    }
    let name = match r.kind {
        Kind::AsOf | Kind::Title | Kind::Note | Kind::Reports => guide::release_row(r.kind),
        _ => r.name.clone(),
    };
    ws.write_string_with_format(row, col(Col::Name), name.0, fixed)?;
    ws.write_string_with_format(row, col(Col::NameEn), name.1, fixed)?;
    ws.write_string_with_format(row, col(Col::Unit), &r.unit, fixed)?;
    Ok(())
}

//! What is wrong with a changed translation's codes: each of the source's
//! once, none it does not have, pairs as pairs, list markers at the start
//! of a line, and no placeable typed as text.

use std::collections::BTreeMap;

use super::super::inline::{self, CodeDef, Codes, Inline};
use super::super::units::Unit;

/// What is wrong with a translation's codes: each of the source's must be
/// there once; those of the current translation's own may be, once.
pub(super) fn code_problems(target: &[Inline], unit: &Unit) -> Vec<String> {
    let codes = unit.codes();
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    let mut problems = Vec::new();
    // A select of the translation's own has no units to rebuild it from.
    let own_select = codes
        .0
        .iter()
        .any(|(id, def)| matches!(def, CodeDef::Select(..)) && unit.source.codes.get(id).is_none());
    if own_select {
        problems.push(
            "the translation has a select the source does not; edit this message in its .ftl file"
                .to_owned(),
        );
        return problems;
    }
    collect_codes(target, &codes, &mut used, &mut problems);
    for (id, def) in &codes.0 {
        // A source code the current translation already does without (it
        // has its own) is not dropped by this import.
        let required = unit.source.codes.get(id).is_some()
            && unit
                .target
                .as_ref()
                .is_none_or(|t| uses_code(&t.inline, id));
        match used.get(id).copied().unwrap_or(0) {
            0 if required => problems.push(format!("drops {} `{}`", noun(def), def.display())),
            0 | 1 => {}
            n => problems.push(format!(
                "has {} `{}` {n} times; the source has it once",
                noun(def),
                def.display()
            )),
        }
    }
    if let Some(marker) = marker_inside_a_line(target, &codes) {
        problems.push(format!(
            "the list item marker `{}` must start a line; put a line end before it",
            marker.trim()
        ));
    }
    if let Some(written) = placeable_as_text(&inline::plain(target)) {
        problems.push(format!(
            "writes `{written}` as text: a translation cannot add placeables; use the source's codes"
        ));
    }
    problems
}

/// Whether content uses the code `id`.
fn uses_code(inline: &[Inline], id: &str) -> bool {
    inline.iter().any(|piece| match piece {
        Inline::Text(_) => false,
        Inline::Code(code) => code == id,
        Inline::Pair { id: pair, children } => pair == id || uses_code(children, id),
    })
}

fn collect_codes(
    target: &[Inline],
    codes: &Codes,
    used: &mut BTreeMap<String, usize>,
    problems: &mut Vec<String>,
) {
    for piece in target {
        let (id, pair) = match piece {
            Inline::Text(_) => continue,
            Inline::Code(id) => (id, false),
            Inline::Pair { id, children } => {
                collect_codes(children, codes, used, problems);
                (id, true)
            }
        };
        match codes.get(id) {
            None => problems.push(format!("has a code `{id}` the source does not have")),
            Some(def) if def.is_pair() != pair => problems.push(format!(
                "uses code `{id}` ({}) as a {}",
                def.display(),
                if pair { "pair" } else { "single code" }
            )),
            Some(_) => *used.entry(id.clone()).or_default() += 1,
        }
    }
}

fn noun(def: &CodeDef) -> &'static str {
    match def {
        CodeDef::Placeable(_) => "placeable",
        CodeDef::Select(..) => "select",
        CodeDef::Markup { .. } => "markup",
        CodeDef::Linebreak => "line break",
        CodeDef::Citation(_) => "citation",
        CodeDef::ListMarker(_) => "list item",
    }
}

/// A list item marker that does not start a line (markup would read it as
/// text, and the list would lose an item).
fn marker_inside_a_line(target: &[Inline], codes: &Codes) -> Option<String> {
    let mut line_start = true;
    for piece in target {
        match piece {
            Inline::Text(text) => {
                if !text.trim_matches([' ', '\t']).is_empty() || text.contains('\n') {
                    line_start = text.trim_end_matches([' ', '\t']).ends_with('\n');
                }
            }
            Inline::Code(id) => match codes.get(id) {
                Some(CodeDef::ListMarker(marker)) if !line_start => return Some(marker.clone()),
                _ => line_start = false,
            },
            Inline::Pair { .. } => line_start = false,
        }
    }
    None
}

/// Text that looks like a Fluent placeable (`{ $x }`, `{ -term }`,
/// `{ NUMBER(…) }`), which would be printed literally.
///
/// Each brace is looked at only as far as the name of a function, and the
/// closing brace is searched for once one looks like a placeable: text
/// with 400,000 braces took 15 s when each brace searched the rest.
fn placeable_as_text(text: &str) -> Option<&str> {
    text.match_indices('{').find_map(|(at, _)| {
        let inner = text[at + 1..].trim_start();
        let name = inner.len()
            - inner
                .trim_start_matches(|c: char| c.is_ascii_uppercase() || c == '_')
                .len();
        let function = name > 0 && inner[name..].starts_with('(');
        let looks = inner.starts_with('$') || inner.starts_with('-') || function;
        looks.then(|| {
            let end = text[at..].find('}').map_or(text.len(), |e| at + e + 1);
            &text[at..end]
        })
    })
}

#[cfg(test)]
mod tests {
    use super::placeable_as_text;

    #[test]
    fn text_that_looks_like_a_placeable_is_found() {
        let cases = [
            ("Votos { $count } aquí", Some("{ $count }")),
            ("de {-brand}", Some("{-brand}")),
            ("el { NUMBER($n) } y", Some("{ NUMBER($n) }")),
            ("el {NUMBER_X(", Some("{NUMBER_X(")),
            ("a { Number($n) } b", None),
            ("{ (a) } {} { x }", None),
            ("{ { { $a", Some("{ $a")),
        ];
        for (text, found) in cases {
            assert_eq!(placeable_as_text(text), found, "{text}");
        }
        let braces = "{".repeat(400_000);
        assert_eq!(placeable_as_text(&braces), None);
    }
}

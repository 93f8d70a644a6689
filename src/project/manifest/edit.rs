//! Changing `report.toml` as a person would: one value edited in place,
//! every comment, blank line and layout choice of the file kept.

use toml::de::{DeTable, DeValue};

use crate::diagnostic::{Code, Problem, Result, Source};

/// `text` (a manifest) with `tag` added at the end of `[report]
/// languages`, written as the array's last item is (its quotes, and on a
/// line of its own when the array is one item per line).
pub(crate) fn add_language(source: &std::sync::Arc<Source>, tag: &str) -> Result<String> {
    let text = &source.text;
    let refused = |message: &str| {
        Problem::error(Code::Manifest, message.to_owned())
            .with_hint("add the language to `languages` in the [report] table by hand")
    };
    let root = DeTable::parse(text)
        .map_err(|e| refused(&format!("report.toml does not parse ({})", e.message())))?;
    let report = root.get_ref().get("report").map(|r| r.get_ref());
    let Some(DeValue::Table(report)) = report else {
        return Err(refused("report.toml has no [report] table").into());
    };
    let Some(languages) = report.get("languages") else {
        return Err(refused("report.toml has no `languages`").into());
    };
    let DeValue::Array(items) = languages.get_ref() else {
        return Err(refused("`languages` is not a list").into());
    };
    let Some(last) = items.last() else {
        return Err(refused("`languages` is empty").into());
    };
    let last = last.span();
    let array = languages.span();
    let quote = if text[last.clone()].starts_with('\'') {
        '\''
    } else {
        '"'
    };
    // One item per line: the new one on a line of its own, indented alike.
    let line_start = text[..last.start].rfind('\n').map_or(0, |i| i + 1);
    let on_own_line = text[array.start..last.start].contains('\n')
        && text[line_start..last.start].trim().is_empty();
    let indent = &text[line_start..last.start];
    let item = format!("{quote}{tag}{quote}");
    let after = &text[last.end..array.end];
    let mut edited = text.clone();
    match after.find(',').filter(|i| after[..*i].trim().is_empty()) {
        // A trailing comma: the new item after it, with one of its own.
        Some(i) => {
            let at = last.end + i + 1;
            let added = if on_own_line {
                format!("\n{indent}{item},")
            } else {
                format!(" {item},")
            };
            edited.insert_str(at, &added);
        }
        None => {
            let added = if on_own_line {
                format!(",\n{indent}{item}")
            } else {
                format!(", {item}")
            };
            edited.insert_str(last.end, &added);
        }
    }
    Ok(edited)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(text: &str, tag: &str) -> String {
        add_language(&Source::new("report.toml", text), tag).expect("edited")
    }

    #[test]
    fn a_language_is_added_where_a_person_would_write_it() {
        let one_line = "[report]\n# the editions\nlanguages = [\"es\", \"en\"]   # source first\nname = \"x\"\n";
        assert_eq!(
            add(one_line, "fr"),
            "[report]\n# the editions\nlanguages = [\"es\", \"en\", \"fr\"]   # source first\nname = \"x\"\n"
        );
        let per_line = "[report]\nlanguages = [\n  \"es\",\n  \"en\",\n]\n";
        assert_eq!(
            add(per_line, "fr"),
            "[report]\nlanguages = [\n  \"es\",\n  \"en\",\n  \"fr\",\n]\n"
        );
        let per_line_no_comma = "[report]\nlanguages = [\n  'es',\n  'en'\n]\n";
        assert_eq!(
            add(per_line_no_comma, "pt-BR"),
            "[report]\nlanguages = [\n  'es',\n  'en',\n  'pt-BR'\n]\n"
        );
        assert!(
            add_language(
                &Source::new("report.toml", "[report]\nname = \"x\"\n"),
                "fr"
            )
            .is_err()
        );
    }
}

//! Fluent message catalogs: one per language, loaded from
//! `locales/<lang>/**/*.ftl`.
//!
//! A [`Catalog`] owns the language's Fluent bundle (with the ICU4X-backed
//! `NUMBER` and `DATETIME` functions installed and BiDi isolation marks
//! turned off, since they must never reach a PDF or a web page) and an index
//! of every entry with its file, line and column, so that any problem with a
//! message can point at it.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource};
use fluent_syntax::ast;
use indexmap::IndexMap;

use crate::diagnostic::{Code, Location, Problem, Problems, Source};
use crate::l10n::intl;
use crate::project::{Language, Project, decode_utf8};

/// One entry (message or term) of a catalog.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The id, without the leading `-` of a term.
    pub id: String,
    /// True for terms (`-brand = …`), which templates cannot use directly.
    pub is_term: bool,
    /// Where the entry's id is written.
    pub location: Location,
    /// Whether the entry has a value (a message may have only attributes).
    pub has_value: bool,
    /// Attribute names, in order.
    pub attributes: Vec<String>,
    /// Variables the value uses, directly or through message references.
    pub variables: BTreeSet<String>,
    /// Variables the entry itself (value and attributes) names.
    pub own_variables: BTreeSet<String>,
    /// Messages the entry references (value and attributes).
    pub message_refs: BTreeSet<String>,
    /// Terms the entry references, without the leading `-`.
    pub term_refs: BTreeSet<String>,
    /// Select expressions whose keys are all CLDR plural category names
    /// and whose selector is a number (a variable or `NUMBER()`).
    pub plural_selects: Vec<BTreeSet<String>>,
    /// Words of text in the value and attributes, every variant of a select
    /// included (placeables are not words), as translators count them.
    pub words: usize,
    /// The index in [`Catalog::files`] of the file that defines the entry.
    pub file: usize,
    /// Byte offset where the next entry (or the end of the file) starts.
    pub end: usize,
}

/// The messages of one language.
pub struct Catalog {
    /// The language.
    pub language: Language,
    /// The `.ftl` files, in load order.
    pub files: Vec<Arc<Source>>,
    /// Every message (key: id) and term (key: `-id`), in file order.
    pub entries: IndexMap<String, Entry>,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("language", &self.language)
            .field("entries", &self.entries.len())
            .finish_non_exhaustive()
    }
}

impl Catalog {
    /// Loads every `.ftl` file of `language`, keeping whatever could be read:
    /// entries with syntax errors are skipped and duplicates keep their first
    /// definition. Every problem found comes back beside the catalog, tagged
    /// with the language.
    pub fn load(project: &Project, language: &Language) -> (Self, Problems) {
        let dir = project.locale_dir(language);
        let mut paths = Vec::new();
        let mut problems = Problems::default();
        if let Err(e) = collect_ftl_files(&dir, &mut paths) {
            problems.push(Problem::io("read directory", &dir, &e));
        }
        let mut sources = Vec::new();
        for path in paths {
            let display = path.strip_prefix(&project.root).unwrap_or(&path).to_owned();
            match fs::read(&path)
                .map_err(|e| Problems::from(Problem::io("read", &path, &e)))
                .and_then(|bytes| decode_utf8(&display, bytes))
            {
                Ok(text) => sources.push(Source::new(display, normalize_newlines(text))),
                Err(p) => problems.extend(p),
            }
        }
        if sources.is_empty() && !problems.has_errors() {
            problems.push(
                Problem::error(
                    Code::NoMessages,
                    format!("no .ftl files in `locales/{language}/`"),
                )
                .with_hint(format!(
                    "add the {language} messages as locales/{language}/*.ftl"
                )),
            );
        }
        let catalog = Self::from_sources(language.clone(), sources, &mut problems);
        for problem in &mut problems.0 {
            problem.language.get_or_insert_with(|| language.tag.clone());
        }
        (catalog, problems)
    }

    /// The path of a file of this catalog relative to its `locales/<lang>/`
    /// directory, which pairs it with the same file in another language.
    pub fn relative_path(&self, file: usize) -> PathBuf {
        let path = &self.files[file].path;
        let prefix = Path::new("locales").join(&self.language.tag);
        path.strip_prefix(&prefix).unwrap_or(path).to_owned()
    }

    /// Builds a catalog from already-read files (used by `load` and tests).
    pub fn from_sources(
        language: Language,
        sources: Vec<Arc<Source>>,
        problems: &mut Problems,
    ) -> Self {
        let mut bundle = FluentBundle::new(vec![language.id.clone()]);
        bundle.set_use_isolating(false);
        intl::install(&mut bundle, &language.id);
        let mut entries: IndexMap<String, Entry> = IndexMap::new();
        let mut raw_refs: HashMap<String, (BTreeSet<String>, BTreeSet<String>)> = HashMap::new();
        for (file_index, source) in sources.iter().enumerate() {
            let (resource, errors) = match FluentResource::try_new(source.text.clone()) {
                Ok(resource) => (resource, Vec::new()),
                Err((resource, errors)) => (resource, errors),
            };
            for error in errors {
                let mut start = error.pos.start.min(source.text.len());
                // An entry cut short is reported at the next line's start;
                // the end of the unfinished line is clearer.
                let entry_start = error.slice.as_ref().map_or(start, |s| s.start);
                if start > entry_start && source.text[..start].ends_with('\n') {
                    start -= 1;
                }
                // At the end of a line, point after its last character.
                let span = if source.text[start..].starts_with('\n') {
                    start..start
                } else {
                    start..error.pos.end.max(start + 1)
                };
                let code = match error.kind {
                    fluent_syntax::parser::ErrorKind::MissingDefaultVariant => {
                        Code::NoDefaultVariant
                    }
                    _ => Code::Syntax,
                };
                problems.push(
                    Problem::error(code, format!("invalid Fluent syntax: {}", error.kind))
                        .at(source, span)
                        .with_hint(
                            "see https://projectfluent.org/fluent/guide/ for the syntax; \
                             the entry is skipped until it is fixed",
                        ),
                );
            }
            let positions = entry_positions(&source.text);
            let mut starts: Vec<usize> = positions.values().flatten().copied().collect();
            starts.sort_unstable();
            let mut seen: HashMap<String, usize> = HashMap::new();
            let mut plural_keys = BTreeSet::new();
            for entry in resource.entries() {
                let (key, id, is_term, value, attributes) = match entry {
                    ast::Entry::Message(m) => (
                        m.id.name.to_owned(),
                        m.id.name,
                        false,
                        m.value.as_ref(),
                        &m.attributes,
                    ),
                    ast::Entry::Term(t) => (
                        format!("-{}", t.id.name),
                        t.id.name,
                        true,
                        Some(&t.value),
                        &t.attributes,
                    ),
                    _ => continue,
                };
                let occurrence = seen.entry(key.clone()).or_default();
                let offset = positions
                    .get(key.as_str())
                    .and_then(|offsets| offsets.get(*occurrence))
                    .copied()
                    .unwrap_or(0);
                *occurrence += 1;
                let location = Location::new(source, offset..offset + key.len());
                // fluent-bundle keeps messages, terms and functions in one
                // namespace, so `x` and `-x` clash there although Fluent
                // keeps them apart; say so rather than lose one silently.
                let other_key = if is_term {
                    id.to_owned()
                } else {
                    format!("-{id}")
                };
                if let Some(first) = entries.get(&other_key) {
                    let (this, that) = if is_term {
                        ("term", "message")
                    } else {
                        ("message", "term")
                    };
                    problems.push(
                        Problem::error(
                            Code::DuplicateId,
                            format!(
                                "{this} `{key}` has the same name as {that} `{other_key}` in `{language}`"
                            ),
                        )
                        .about(&language.tag, &key)
                        .at_location(Some(location))
                        .with_label(format!("clashes with {that} `{other_key}`"))
                        .with_note(format!(
                            "`{other_key}` is defined at {}; the Fluent runtime keeps \
                             messages and terms under one name, so only the first is used",
                            first.location.display()
                        ))
                        .with_hint(format!("rename the {this} or the {that}")),
                    );
                    continue;
                }
                if intl::FUNCTIONS.contains(&id) {
                    problems.push(
                        Problem::error(
                            Code::ReservedId,
                            format!("`{key}` is the name of a built-in function"),
                        )
                        .about(&language.tag, &key)
                        .at_location(Some(location))
                        .with_label("reserved name")
                        .with_note(format!(
                            "the Fluent runtime keeps functions, messages and terms under \
                             one name, and {} are functions",
                            intl::FUNCTIONS.join(", ")
                        ))
                        .with_hint("rename the entry (ids are usually lowercase)"),
                    );
                    continue;
                }
                if let Some(first) = entries.get(&key) {
                    problems.push(
                        Problem::error(
                            Code::DuplicateId,
                            format!("`{key}` is defined twice in `{language}`"),
                        )
                        .about(&language.tag, &key)
                        .at_location(Some(location))
                        .with_label("second definition")
                        .with_note(format!("first defined at {}", first.location.display()))
                        .with_hint("rename or remove one of them; only the first is used"),
                    );
                    continue;
                }
                let mut scan = Scan::default();
                if let Some(pattern) = value {
                    scan.pattern(pattern);
                }
                let value_variables = scan.variables.clone();
                let value_refs = scan.messages.clone();
                for attribute in attributes {
                    scan.pattern(&attribute.value);
                }
                raw_refs.insert(key.clone(), (value_variables.clone(), value_refs));
                if intl::needs_cldr_plurals(entry) {
                    plural_keys.insert(key.clone());
                }
                let end = starts
                    .get(starts.partition_point(|&p| p <= offset))
                    .copied()
                    .unwrap_or(source.text.len());
                entries.insert(
                    key,
                    Entry {
                        id: id.to_owned(),
                        is_term,
                        location,
                        has_value: value.is_some(),
                        attributes: attributes.iter().map(|a| a.id.name.to_owned()).collect(),
                        variables: value_variables,
                        own_variables: scan.variables,
                        message_refs: scan.messages,
                        term_refs: scan.terms,
                        plural_selects: scan.plural_selects,
                        words: scan.words,
                        file: file_index,
                        end,
                    },
                );
            }
            // The rewritten entries go first, so that the bundle keeps them
            // and drops their originals from `resource` as duplicates.
            for rewritten in with_cldr_plurals(&resource, &plural_keys) {
                let _ = bundle.add_resource(rewritten);
            }
            // Duplicates were reported above; the bundle keeps the first definition.
            let _ = bundle.add_resource(resource);
        }
        // A message sees the caller's variables in the messages it references.
        for entry in entries.values_mut() {
            let mut seen = BTreeSet::new();
            let mut pending: Vec<String> = entry.message_refs.iter().cloned().collect();
            while let Some(id) = pending.pop() {
                if !seen.insert(id.clone()) {
                    continue;
                }
                if let Some((vars, refs)) = raw_refs.get(&id) {
                    entry.variables.extend(vars.iter().cloned());
                    pending.extend(refs.iter().cloned());
                }
            }
        }
        Self {
            language,
            files: sources,
            entries,
            bundle,
        }
    }

    /// The entry's value and attributes in normal form (as written, without
    /// the id, comments or layout), to compare a translation with its source
    /// and to record in lock files.
    pub fn normalized(&self, entry: &Entry) -> String {
        let text = &self.files[entry.file].text;
        let start = entry.location.span.start.min(text.len());
        let end = entry.end.clamp(start, text.len());
        let key = if entry.is_term {
            format!("-{}", entry.id)
        } else {
            entry.id.clone()
        };
        normalize_entry(&text[start..end], &key)
    }

    /// The message with this id (not a term).
    pub fn message(&self, id: &str) -> Option<&Entry> {
        self.entries.get(id).filter(|e| !e.is_term)
    }

    /// Iterates over messages (not terms).
    pub fn messages(&self) -> impl Iterator<Item = &Entry> {
        self.entries.values().filter(|e| !e.is_term)
    }

    /// Formats a message's value, or one of its attributes. Returns the text
    /// (with placeables that failed shown as Fluent shows them) and the
    /// problems found, as sentences.
    pub fn format(
        &self,
        id: &str,
        attribute: Option<&str>,
        args: Option<&FluentArgs>,
    ) -> (String, Vec<String>) {
        let Some(message) = self.bundle.get_message(id) else {
            return (String::new(), vec![format!("unknown message `{id}`")]);
        };
        let pattern = match attribute {
            None => message.value(),
            Some(name) => message.get_attribute(name).map(|a| a.value()),
        };
        let Some(pattern) = pattern else {
            let what =
                attribute.map_or_else(|| "value".to_owned(), |a| format!("attribute `.{a}`"));
            return (String::new(), vec![format!("message `{id}` has no {what}")]);
        };
        let mut errors = Vec::new();
        let _ = intl::take_errors();
        let text = self
            .bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned();
        let mut errors: Vec<String> = errors.iter().map(describe_fluent_error).collect();
        errors.extend(intl::take_errors());
        (text, errors)
    }
}

fn describe_fluent_error(error: &fluent_bundle::FluentError) -> String {
    use fluent_bundle::FluentError;
    use fluent_bundle::resolver::{ResolverError, errors::ReferenceKind};
    match error {
        FluentError::ResolverError(ResolverError::Reference(kind)) => match kind {
            ReferenceKind::Variable { id } => format!("no value for variable `${id}`"),
            ReferenceKind::Message {
                id,
                attribute: None,
            } => format!("unknown message `{id}`"),
            ReferenceKind::Message {
                id,
                attribute: Some(a),
            } => {
                format!("unknown attribute `{id}.{a}`")
            }
            ReferenceKind::Term {
                id,
                attribute: None,
            } => format!("unknown term `-{id}`"),
            ReferenceKind::Term {
                id,
                attribute: Some(a),
            } => {
                format!("unknown term attribute `-{id}.{a}`")
            }
            ReferenceKind::Function { id } => format!("unknown function `{id}()`"),
        },
        FluentError::ResolverError(ResolverError::Cyclic) => "cyclic reference".to_owned(),
        FluentError::ResolverError(ResolverError::MissingDefault) => {
            "select expression has no default variant".to_owned()
        }
        FluentError::ResolverError(ResolverError::NoValue(id)) => format!("`{id}` has no value"),
        FluentError::ResolverError(ResolverError::TooManyPlaceables) => {
            "too many placeables (more than 100)".to_owned()
        }
        other => other.to_string(),
    }
}

/// Fluent accepts CRLF, but the spans and snippets are simpler on LF text;
/// lines and columns stay the same.
fn normalize_newlines(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text
    }
}

fn collect_ftl_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut children: Vec<_> = fs::read_dir(dir)?.collect::<std::io::Result<_>>()?;
    children.sort_by_key(|e| e.file_name());
    for child in children {
        let path = child.path();
        if child.file_type()?.is_dir() {
            collect_ftl_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "ftl") {
            out.push(path);
        }
    }
    Ok(())
}

/// Byte offsets of entry ids, in file order: Fluent entries start in
/// column 1, so a line that starts with an identifier (or `-identifier`) and
/// `=` is an entry. An id defined twice has two offsets.
fn entry_positions(text: &str) -> HashMap<&str, Vec<usize>> {
    let mut positions: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let body = line.strip_prefix('-').unwrap_or(line);
        let id_len = if body.starts_with(|c: char| c.is_ascii_alphabetic()) {
            line.len() - body.len()
                + body
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
                    .count()
        } else {
            0
        };
        let rest = line[id_len..].trim_start_matches([' ', '\t']);
        if id_len > 0 && rest.starts_with('=') {
            positions.entry(&line[..id_len]).or_default().push(offset);
        }
        offset += line.len();
    }
    positions
}

/// The entry's value and attributes as written, without the id, comments
/// or layout: equal for a translation that was left as the source, and
/// what lock files record. `raw` runs from the id to the next entry.
fn normalize_entry(raw: &str, key: &str) -> String {
    let body = raw.strip_prefix(key).unwrap_or(raw).trim_start();
    let body = body.strip_prefix('=').unwrap_or(body);
    let mut words: Vec<&str> = Vec::new();
    for line in body.lines() {
        if line.trim_start().starts_with('#') && !line.starts_with(' ') {
            continue;
        }
        words.extend(line.split_whitespace());
    }
    words.join(" ")
}

/// Runs of letters and digits: "Putin’s" is two words, as compare-locales
/// (`\w+`) counts them.
fn count_words(text: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in text.chars() {
        let letter = c.is_alphanumeric();
        if letter && !in_word {
            words += 1;
        }
        in_word = letter;
    }
    words
}

const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// What an entry's patterns name: variables, messages, terms, plural selects.
#[derive(Default)]
struct Scan {
    variables: BTreeSet<String>,
    messages: BTreeSet<String>,
    terms: BTreeSet<String>,
    plural_selects: Vec<BTreeSet<String>>,
    words: usize,
}

impl Scan {
    fn pattern(&mut self, pattern: &ast::Pattern<&str>) {
        for element in &pattern.elements {
            match element {
                ast::PatternElement::Placeable { expression } => self.expression(expression),
                ast::PatternElement::TextElement { value } => self.words += count_words(value),
            }
        }
    }

    fn expression(&mut self, expression: &ast::Expression<&str>) {
        match expression {
            ast::Expression::Inline(inline) => self.inline(inline),
            ast::Expression::Select { selector, variants } => {
                self.inline(selector);
                let numeric = match selector {
                    ast::InlineExpression::VariableReference { .. } => true,
                    ast::InlineExpression::FunctionReference { id, .. } => id.name == "NUMBER",
                    _ => false,
                };
                let keys: Option<BTreeSet<String>> = variants
                    .iter()
                    .map(|v| match v.key {
                        ast::VariantKey::Identifier { name }
                            if PLURAL_CATEGORIES.contains(&name) =>
                        {
                            Some(name.to_owned())
                        }
                        _ => None,
                    })
                    .collect();
                if numeric && let Some(keys) = keys {
                    self.plural_selects.push(keys);
                }
                for variant in variants {
                    self.pattern(&variant.value);
                }
            }
        }
    }

    fn inline(&mut self, inline: &ast::InlineExpression<&str>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                self.variables.insert(id.name.to_owned());
            }
            ast::InlineExpression::MessageReference { id, .. } => {
                self.messages.insert(id.name.to_owned());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => self.arguments(arguments),
            ast::InlineExpression::TermReference { id, arguments, .. } => {
                self.terms.insert(id.name.to_owned());
                // A term's arguments are evaluated in the caller's scope.
                if let Some(arguments) = arguments {
                    self.arguments(arguments);
                }
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            _ => {}
        }
    }

    fn arguments(&mut self, arguments: &ast::CallArguments<&str>) {
        for argument in &arguments.positional {
            self.inline(argument);
        }
        for argument in &arguments.named {
            self.inline(&argument.value);
        }
    }
}

/// The entries named in `keys` (first definitions, each accepted into the
/// catalog) with their plural selects rewritten by
/// [`intl::use_cldr_plurals`], one resource each.
///
/// fluent-bundle only takes text, so each rewritten entry is serialized and
/// parsed again. fluent-syntax's serializer writes some patterns it cannot
/// read back (a multi-line value whose first line starts with `*`, `[` or
/// `.`, a lone CR), so those characters are first turned into string
/// literals, and an entry that still does not come back whole is left out:
/// the bundle then keeps the original, whose selects use fluent-rs's own
/// plural rules. Rewriting only these entries keeps every other entry
/// exactly as parsed.
fn with_cldr_plurals(resource: &FluentResource, keys: &BTreeSet<String>) -> Vec<FluentResource> {
    let mut done = BTreeSet::new();
    let mut resources = Vec::new();
    for entry in resource.entries() {
        let Some(shape) = EntryShape::of(entry) else {
            continue;
        };
        if !keys.contains(&shape.key) || !done.insert(shape.key.clone()) {
            continue;
        }
        let mut single = ast::Resource {
            body: vec![entry.clone()],
        };
        intl::use_cldr_plurals(&mut single);
        for entry in &mut single.body {
            escape_for_serializer(entry);
        }
        let serialized = fluent_syntax::serializer::serialize(&single);
        let Ok(resource) = FluentResource::try_new(serialized) else {
            continue;
        };
        let whole = {
            let mut back = resource.entries().filter_map(EntryShape::of);
            back.next().as_ref() == Some(&shape) && back.next().is_none()
        };
        if whole {
            resources.push(resource);
        }
    }
    resources
}

/// What must survive a serialize-then-parse round trip of an entry.
#[derive(PartialEq)]
struct EntryShape {
    key: String,
    has_value: bool,
    attributes: Vec<String>,
}

impl EntryShape {
    fn of(entry: &ast::Entry<&str>) -> Option<Self> {
        let names = |attributes: &[ast::Attribute<&str>]| {
            attributes.iter().map(|a| a.id.name.to_owned()).collect()
        };
        match entry {
            ast::Entry::Message(m) => Some(Self {
                key: m.id.name.to_owned(),
                has_value: m.value.is_some(),
                attributes: names(&m.attributes),
            }),
            ast::Entry::Term(t) => Some(Self {
                key: format!("-{}", t.id.name),
                has_value: true,
                attributes: names(&t.attributes),
            }),
            _ => None,
        }
    }
}

/// Rewrites text that fluent-syntax's serializer would write in a form its
/// parser reads differently: a `*`, `[` or `.` first on a line (which the
/// serializer may put on an indented line of its own, where those characters
/// start a variant or an attribute) and carriage returns. Each becomes a
/// string literal placeable, which formats to the same text.
fn escape_for_serializer(entry: &mut ast::Entry<&str>) {
    fn pattern(pattern: &mut ast::Pattern<&str>) {
        let mut elements = Vec::with_capacity(pattern.elements.len());
        let mut line_start = true;
        for element in pattern.elements.drain(..) {
            match element {
                ast::PatternElement::TextElement { value } => {
                    split_text(value, line_start, &mut elements);
                    line_start = value.ends_with('\n');
                }
                ast::PatternElement::Placeable { mut expression } => {
                    expression_(&mut expression);
                    elements.push(ast::PatternElement::Placeable { expression });
                    line_start = false;
                }
            }
        }
        pattern.elements = elements;
    }
    fn split_text<'s>(
        value: &'s str,
        mut line_start: bool,
        out: &mut Vec<ast::PatternElement<&'s str>>,
    ) {
        let literal = |value: &'static str| ast::PatternElement::Placeable {
            expression: ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }),
        };
        let mut rest = value;
        let mut plain = 0;
        while plain < rest.len() {
            let c = rest[plain..].chars().next().unwrap_or(' ');
            let special = match c {
                '\r' => Some("\\u000D"),
                '*' if line_start => Some("*"),
                '[' if line_start => Some("["),
                '.' if line_start => Some("."),
                _ => None,
            };
            if let Some(escaped) = special {
                if plain > 0 {
                    out.push(ast::PatternElement::TextElement {
                        value: &rest[..plain],
                    });
                }
                out.push(literal(escaped));
                rest = &rest[plain + c.len_utf8()..];
                plain = 0;
                line_start = false;
            } else {
                line_start = c == '\n' || (line_start && c == ' ');
                plain += c.len_utf8();
            }
        }
        if !rest.is_empty() {
            out.push(ast::PatternElement::TextElement { value: rest });
        }
    }
    fn expression_(expression: &mut ast::Expression<&str>) {
        match expression {
            ast::Expression::Select { variants, .. } => {
                for variant in variants {
                    pattern(&mut variant.value);
                }
            }
            ast::Expression::Inline(ast::InlineExpression::Placeable { expression }) => {
                expression_(expression)
            }
            ast::Expression::Inline(_) => {}
        }
    }
    intl::patterns_mut(entry).into_iter().for_each(pattern);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog(tag: &str, files: &[(&str, &str)]) -> (Catalog, Problems) {
        let mut problems = Problems::default();
        let sources = files.iter().map(|(p, t)| Source::new(*p, *t)).collect();
        let language = Language::parse(tag).expect("valid tag");
        (
            Catalog::from_sources(language, sources, &mut problems),
            problems,
        )
    }

    #[test]
    fn no_bidi_isolation_marks() {
        let (catalog, problems) = catalog("en", &[("a.ftl", "hi = Hello { $name }!\n")]);
        assert!(problems.0.is_empty());
        let mut args = FluentArgs::new();
        args.set("name", "Ana");
        let (text, errors) = catalog.format("hi", None, Some(&args));
        assert_eq!(text, "Hello Ana!");
        assert!(errors.is_empty());
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let (_, problems) = catalog(
            "es",
            &[("locales/es/a.ftl", "ok = bien\nbad = { $x\nlater = sí\n")],
        );
        let problem = &problems.0[0];
        assert_eq!(problem.code, Code::Syntax);
        let location = problem
            .location
            .as_ref()
            .map(Location::display)
            .unwrap_or_default();
        assert!(location.starts_with("locales/es/a.ftl:2:"), "{location}");
    }

    #[test]
    fn duplicates_across_files_name_both_places() {
        let (_, problems) = catalog(
            "es",
            &[("a.ftl", "x = uno\n"), ("b.ftl", "y = dos\n\nx = tres\n")],
        );
        assert_eq!(problems.0.len(), 1);
        let problem = &problems.0[0];
        assert_eq!(
            problem.location.as_ref().map(Location::display),
            Some("b.ftl:3:1".into())
        );
        assert_eq!(problem.notes, ["first defined at a.ftl:1:1"]);
    }

    #[test]
    fn variables_include_referenced_messages() {
        let (catalog, _) = catalog(
            "en",
            &[(
                "a.ftl",
                "a = { b } and { $x }\nb = { $y ->\n [one] one\n *[other] { NUMBER($z) }\n}\n-t = T\n",
            )],
        );
        let a = catalog.message("a").expect("a exists");
        assert_eq!(a.variables.iter().collect::<Vec<_>>(), ["x", "y", "z"]);
        assert!(catalog.message("-t").is_none());
        assert!(catalog.entries["-t"].is_term);
    }

    #[test]
    fn crlf_files_work() {
        let text = normalize_newlines("a = uno\r\nb =\r\n    dos\r\n    tres\r\n".to_owned());
        let (catalog, problems) = catalog("es", &[("a.ftl", &text)]);
        assert!(problems.0.is_empty());
        assert_eq!(catalog.format("b", None, None).0, "dos\ntres");
    }

    const VOTES: &str = "votes = { $n ->\n    [one] un voto\n    [many] { $n } de votos\n   *[other] { $n } votos\n}\n";

    fn catalog_of(tag: &str, text: &str) -> (Catalog, Problems) {
        catalog(tag, &[("a.ftl", text)])
    }

    fn votes(catalog: &Catalog, n: f64) -> String {
        let mut args = FluentArgs::new();
        args.set("n", n);
        catalog.format("votes", None, Some(&args)).0
    }

    /// Entries next to a plural select survive the CLDR rewrite of that select,
    /// even those fluent-syntax's serializer cannot write back
    /// (fuzz/regressions/fluent/).
    #[test]
    fn cldr_plural_rewrite_keeps_its_neighbours() {
        let text = format!(
            "greeting = **Hola**, todos:\n    Hola, **mundo**.\n\
             link = [x](https://e.org) c\n    d\n\
             a = x\n    .t = [y](https://e.org)\n        z\n\
             cr = \r \n{VOTES}"
        );
        let (catalog, problems) = catalog("es", &[("a.ftl", &text)]);
        assert!(problems.0.is_empty(), "{problems:?}");
        assert_eq!(
            catalog.format("greeting", None, None).0,
            "**Hola**, todos:\nHola, **mundo**."
        );
        assert_eq!(
            catalog.format("link", None, None).0,
            "[x](https://e.org) c\nd"
        );
        assert_eq!(
            catalog.format("a", Some("t"), None).0,
            "[y](https://e.org)\nz"
        );
        let (alone, _) = catalog_of("es", "cr = \r \n");
        assert_eq!(
            catalog.format("cr", None, None),
            alone.format("cr", None, None)
        );
        // CLDR puts Spanish 1000000 in "many"; fluent-rs's own rules do not.
        assert_eq!(votes(&catalog, 1_000_000.0), "1.000.000 de votos");
        assert_eq!(votes(&catalog, 1.0), "un voto");
    }

    /// A plural select in an entry whose lines start with characters the
    /// serializer would misplace still gets the CLDR categories.
    #[test]
    fn cldr_plural_rewrite_of_awkward_entries() {
        let text = VOTES.replace("votes = {", "votes = *{")
            + "link = x\n    .t = [a]{ $n ->\n        [many] muchos\n       *[other] otros\n    }\n";
        let (catalog, problems) = catalog("es", &[("a.ftl", &text)]);
        assert!(problems.0.is_empty(), "{problems:?}");
        assert_eq!(votes(&catalog, 1_000_000.0), "*1.000.000 de votos");
        assert_eq!(votes(&catalog, 2.0), "*2 votos");
        let mut args = FluentArgs::new();
        args.set("n", 1_000_000);
        assert_eq!(
            catalog.format("link", Some("t"), Some(&args)).0,
            "[a]muchos"
        );
    }

    #[test]
    fn message_and_term_of_one_name_are_reported() {
        let (catalog, problems) = catalog(
            "en",
            &[(
                "a.ftl",
                "brand = Acme report\n-brand = Acme\ntitle = { -brand } annual report\n",
            )],
        );
        assert_eq!(problems.0.len(), 1, "{problems:?}");
        let problem = &problems.0[0];
        assert_eq!(problem.code, Code::DuplicateId);
        assert_eq!(
            problem.message,
            "term `-brand` has the same name as message `brand` in `en`"
        );
        assert_eq!(
            problem.location.as_ref().map(Location::display),
            Some("a.ftl:2:1".into())
        );
        assert!(!catalog.entries.contains_key("-brand"));
        assert_eq!(catalog.format("brand", None, None).0, "Acme report");
    }

    #[test]
    fn function_names_are_reserved() {
        let (catalog, problems) = catalog("en", &[("a.ftl", "NUMBER = n\nok = { NUMBER(1) }\n")]);
        assert_eq!(problems.0.len(), 1, "{problems:?}");
        assert_eq!(problems.0[0].code, Code::ReservedId);
        assert!(catalog.message("NUMBER").is_none());
        assert_eq!(catalog.format("ok", None, None).0, "1");
    }

    #[test]
    fn words_count_text_in_every_variant_but_not_placeables() {
        let (catalog, _) = catalog_of(
            "es",
            "a = Hay { $n } votos el { DATETIME($d) }.\n\
             b = { $low }–{ $high }\n\
             c = Cuba, Putin’s preferred ally\n    .title = Two words\n\
             d = { $n ->\n    [one] un voto\n   *[other] { $n } votos\n}\n",
        );
        let words = |id: &str| catalog.entries[id].words;
        assert_eq!(words("a"), 3);
        assert_eq!(words("b"), 0);
        assert_eq!(words("c"), 7);
        assert_eq!(words("d"), 3);
    }
}

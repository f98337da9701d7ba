//! Tidy: the source obeys the rules `ARCHITECTURE.md` states. Every module opens with a `//!`
//! line; imports follow the dependency table in `ARCHITECTURE.md` (read from it, so the doc
//! and this test cannot disagree), and so do the libraries (its third column); no two files
//! import each other, directly or round a circle (a `pub use` counts); views take data,
//! never a handle on the store or the index; `Serialize` only on an allow-list;
//! `PreEscaped` and `unsafe` appear only where allowed; serving code has no
//! `unwrap`/`expect`; the README names the Rust version Cargo.toml needs; functions over 80
//! lines are on an allow-list with why, and files over 500 lines say why in their `//!`. It
//! reads the files as text: no parser, no build of the crate needed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic: that is how they fail

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

/// Where `PreEscaped` (markup not escaped by maud) or `unsafe` may appear, with why.
const UNESCAPED_OR_UNSAFE_ALLOWED: &[(&str, &str)] = &[];

/// The modules the server runs: no `unwrap`/`expect` outside their tests (a panic there is
/// a 500 for a visitor). The offline commands are held to the same by clippy's `unwrap_used`.
const SERVING: &[&str] = &[
    "web",
    "search",
    "store",
    "model",
    "i18n",
    "similar",
    "config",
    "clock",
    "spreadsheet",
];

/// A module path inside the crate: `["web", "routes", "api"]`; the crate root is empty.
type Module = Vec<String>;

struct Source {
    /// Relative to the crate root, e.g. `src/web/routes/api.rs`.
    path: String,
    text: String,
    /// The module this file is, or `None` for a binary's root.
    module: Option<Module>,
    /// Code without comments, string contents, test modules and `use` statements.
    code: String,
    /// Every path named by a `use` (non-test code), and whether that `use` is `pub`.
    uses: Vec<(bool, Vec<String>)>,
    /// Whether the file holds only tests (declared under `#[cfg(test)]`).
    test_only: bool,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/web/routes/api.rs` → `web::routes::api`; `src/web/mod.rs` → `web`; binaries → None.
fn module_of(rel: &Path) -> Option<Module> {
    let parts: Vec<String> = rel
        .iter()
        .skip(1)
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    if parts == ["main.rs"] || parts.first().is_some_and(|p| p == "bin") {
        return None;
    }
    let mut module: Module = parts;
    let last = module.pop().expect("a file name");
    match last.as_str() {
        "lib.rs" | "mod.rs" => {}
        file => module.push(file.trim_end_matches(".rs").to_string()),
    }
    Some(module)
}

/// The code with comments removed and string and char literals emptied, lines kept.
fn strip(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if chars[i] == '\n' {
                        out.push('\n');
                    }
                    i += 1;
                }
            }
        } else if c == 'r' && (next == Some('#') || next == Some('"')) && !ident_before(&chars, i) {
            let mut hashes = 0;
            let mut j = i + 1;
            while chars.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if chars.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            let closing: String = std::iter::once('"')
                .chain("#".repeat(hashes).chars())
                .collect();
            let closing: Vec<char> = closing.chars().collect();
            while j < chars.len() && !chars[j..].starts_with(&closing) {
                if chars[j] == '\n' {
                    out.push('\n');
                }
                j += 1;
            }
            out.push_str("\"\"");
            i = j + closing.len();
        } else if c == '"' {
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    i += 1;
                }
                if chars.get(i) == Some(&'\n') {
                    out.push('\n');
                }
                i += 1;
            }
            out.push_str("\"\"");
            i += 1;
        } else if c == '\'' && is_char_literal(&chars, i) {
            let mut j = i + 1;
            if chars[j] == '\\' {
                j += 1;
            }
            j += 1;
            while chars.get(j) != Some(&'\'') {
                j += 1;
            }
            out.push_str("' '");
            i = j + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(chars: &[char], i: usize) -> bool {
    i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')
}

/// `'x'`, `'\n'`, `'\u{E000}'` rather than a lifetime `'a`.
fn is_char_literal(chars: &[char], i: usize) -> bool {
    match chars.get(i + 1) {
        Some('\\') => true,
        Some(_) => chars.get(i + 2) == Some(&'\''),
        None => false,
    }
}

/// Removes `#[cfg(test)]` items (a `mod tests { … }` block or a `mod tests;` line) and
/// returns the names of the test-only child files declared that way.
fn cut_tests(code: &str) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut test_children = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "#[cfg(test)]".len()..];
        // An item ends at its `;` or at the brace closing its body, whichever comes first
        // (a `mod tests;` at the end of a file has no brace after it at all).
        let end_of_item = match (after.find(';'), after.find('{')) {
            (Some(semi), brace) if brace.is_none_or(|brace| semi < brace) => {
                let item = after[..semi].trim();
                if let Some(name) = item.strip_prefix("mod ") {
                    test_children.push(name.trim().to_string());
                }
                semi + 1
            }
            (_, Some(brace)) => matching_brace(after, brace) + 1,
            (_, None) => after.len(),
        };
        out.extend(after[..end_of_item].chars().filter(|&c| c == '\n'));
        rest = &after[end_of_item..];
    }
    out.push_str(rest);
    (out, test_children)
}

fn matching_brace(code: &str, open: usize) -> usize {
    let mut depth = 0;
    for (i, c) in code[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return open + i;
                }
            }
            _ => {}
        }
    }
    code.len() - 1
}

/// Takes the `use` statements out of `code`: (is it `pub`, the use tree as written).
fn take_uses(code: &str) -> (String, Vec<(bool, String)>) {
    let mut out = String::new();
    let mut uses = Vec::new();
    let mut rest = code;
    while let Some(at) = find_word(rest, "use") {
        let before = rest[..at].trim_end();
        let is_pub = before.ends_with("pub") || before.ends_with(')');
        let statement_start = before.is_empty()
            || before.ends_with(';')
            || before.ends_with('{')
            || before.ends_with('}')
            || before.ends_with(']')
            || is_pub;
        let Some(semi) = rest[at..].find(';') else {
            break;
        };
        out.push_str(&rest[..at]);
        let tree = &rest[at + 3..at + semi];
        if statement_start {
            uses.push((is_pub, tree.to_string()));
            out.extend(tree.chars().filter(|&c| c == '\n'));
        } else {
            out.push_str(&rest[at..at + semi + 1]);
        }
        rest = &rest[at + semi + 1..];
    }
    out.push_str(rest);
    (out, uses)
}

/// Where `word` stands as a whole word in `text`.
fn find_word(text: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = text[from..].find(word) {
        let at = from + found;
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let is_ident = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !is_ident(before) && !is_ident(after) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// A use tree as flat paths: `a::{b, c::{self, d}}` → `a::b`, `a::c`, `a::c::d`.
fn expand(tree: &str) -> Vec<Vec<String>> {
    let compact: String = tree
        .replace(" as ", "@")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut out = Vec::new();
    expand_into(&[], &compact, &mut out);
    out
}

fn expand_into(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim_start_matches("::");
    if let Some(open) = tree.find('{') {
        let head: Vec<String> = tree[..open]
            .split("::")
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        let base: Vec<String> = prefix.iter().cloned().chain(head).collect();
        let close = matching_brace(tree, open);
        for part in split_top(&tree[open + 1..close]) {
            expand_into(&base, part, out);
        }
        return;
    }
    let mut path: Vec<String> = prefix.to_vec();
    for seg in tree.split("::").filter(|s| !s.is_empty()) {
        let seg = seg.split('@').next().unwrap_or(seg);
        if seg != "self" {
            path.push(seg.to_string());
        }
    }
    if !path.is_empty() {
        out.push(path);
    }
}

/// Splits on commas outside braces.
fn split_top(list: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in list.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&list[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&list[start..]);
    parts.into_iter().filter(|p| !p.is_empty()).collect()
}

/// Paths written out in code: `crate::a::b(…)`, `super::x::Y`, `child::f()`. Which of them
/// name the crate's modules is for [`Crate::absolute`] to say.
fn inline_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = code[from..].find("::") {
        let at = from + found;
        from = at + 2;
        let start = code[..at]
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .map_or(0, |i| i + 1);
        if start == at || from - 2 != at || code[start..at].contains("::") {
            continue;
        }
        let path: String = code[start..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        from = start + path.len();
        out.push(
            path.split("::")
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        );
    }
    out
}

fn load() -> Vec<Source> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    let mut sources: Vec<Source> = files
        .iter()
        .map(|file| {
            let rel = file.strip_prefix(root()).expect("inside the crate");
            let text = fs::read_to_string(file).expect("readable source");
            let (without_tests, _) = cut_tests(&strip(&text));
            let (code, uses) = take_uses(&without_tests);
            let uses = uses
                .into_iter()
                .flat_map(|(is_pub, tree)| expand(&tree).into_iter().map(move |p| (is_pub, p)))
                .collect();
            Source {
                path: rel.to_string_lossy().into_owned(),
                module: module_of(rel),
                text,
                code,
                uses,
                test_only: false,
            }
        })
        .collect();
    let test_children: BTreeSet<Module> = sources
        .iter()
        .filter_map(|s| {
            let module = s.module.clone()?;
            Some(
                cut_tests(&strip(&s.text))
                    .1
                    .into_iter()
                    .map(move |child| [module.clone(), vec![child]].concat()),
            )
        })
        .flatten()
        .collect();
    for source in &mut sources {
        source.test_only = source
            .module
            .as_ref()
            .is_some_and(|m| test_children.contains(m));
    }
    sources
}

/// The crate's module graph: which file each module is, and what its `pub use`s point at.
struct Crate {
    modules: BTreeSet<Module>,
    /// (module, name re-exported there) → the absolute path it names.
    aliases: HashMap<(Module, String), Vec<String>>,
}

impl Crate {
    fn new(sources: &[Source]) -> Crate {
        let modules: BTreeSet<Module> = sources.iter().filter_map(|s| s.module.clone()).collect();
        let mut krate = Crate {
            modules,
            aliases: HashMap::new(),
        };
        for source in sources {
            let Some(module) = &source.module else {
                continue;
            };
            for (is_pub, path) in &source.uses {
                if !is_pub {
                    continue;
                }
                if let (Some(name), Some(abs)) = (path.last(), krate.absolute(module, path)) {
                    krate.aliases.insert((module.clone(), name.clone()), abs);
                }
            }
        }
        krate
    }

    /// A path as written in `from` → a path from the crate root; `None` outside the crate.
    fn absolute(&self, from: &Module, path: &[String]) -> Option<Vec<String>> {
        let first = path.first()?;
        let (mut base, mut rest): (Module, &[String]) = match first.as_str() {
            "crate" => (Vec::new(), &path[1..]),
            "self" => (from.clone(), &path[1..]),
            "super" => (from.clone(), path),
            _ => {
                let child: Module = [from.clone(), vec![first.clone()]].concat();
                if !self.modules.contains(&child) {
                    return None;
                }
                (from.clone(), path)
            }
        };
        while rest.first().is_some_and(|s| s == "super") {
            base.pop();
            rest = &rest[1..];
        }
        Some(base.into_iter().chain(rest.iter().cloned()).collect())
    }

    /// The module (file) that defines what an absolute path names, following re-exports.
    fn defining_module(&self, abs: &[String]) -> Module {
        let mut abs = abs.to_vec();
        for _ in 0..8 {
            let len = (0..=abs.len())
                .rev()
                .find(|&n| self.modules.contains(&abs[..n]))
                .unwrap_or(0);
            let module = abs[..len].to_vec();
            let Some(next) = abs.get(len) else {
                return module;
            };
            match self.aliases.get(&(module.clone(), next.clone())) {
                Some(target) if target != &abs[..=len] => {
                    abs = target.iter().chain(&abs[len + 1..]).cloned().collect();
                }
                _ => return module,
            }
        }
        abs
    }

    /// Every other module a file names, non-test code only. A `pub use` is an import of
    /// the module holding it (it cannot compile without its target); whoever imports the
    /// item through it is led on to the file that defines it.
    fn imports(&self, source: &Source) -> BTreeSet<Module> {
        let Some(module) = &source.module else {
            return BTreeSet::new();
        };
        self.named_paths(source)
            .into_iter()
            .map(|abs| self.defining_module(&abs))
            .filter(|target| target != module && !target.is_empty())
            .collect()
    }

    /// Every path into the crate a file names (uses and paths in code), from the crate root.
    fn named_paths(&self, source: &Source) -> Vec<Vec<String>> {
        let Some(module) = &source.module else {
            return Vec::new();
        };
        source
            .uses
            .iter()
            .map(|(_, p)| p.clone())
            .chain(inline_paths(&source.code))
            .filter_map(|p| self.absolute(module, &p))
            .collect()
    }
}

/// The libraries a file names: the first segment of its uses and paths, when it is one of
/// `dependencies` (Rust names: `tower_http`).
fn libraries_named(source: &Source, dependencies: &BTreeSet<String>) -> BTreeSet<String> {
    source
        .uses
        .iter()
        .map(|(_, p)| p.clone())
        .chain(inline_paths(&source.code))
        .filter_map(|p| p.into_iter().next())
        .filter(|first| dependencies.contains(first))
        .collect()
}

/// The `[dependencies]` of Cargo.toml, as Rust names (`tower-http` → `tower_http`).
fn dependencies() -> BTreeSet<String> {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    manifest
        .lines()
        .skip_while(|l| l.trim() != "[dependencies]")
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter_map(|l| {
            l.split_once('=')
                .map(|(name, _)| name.trim().replace('-', "_"))
        })
        .filter(|name| !name.is_empty() && !name.starts_with('#'))
        .collect()
}

fn name(module: &[String]) -> String {
    if module.is_empty() {
        "crate".to_string()
    } else {
        module.join("::")
    }
}

/// The rows of the table under `<!-- tidy: dependencies -->` in ARCHITECTURE.md, as cells.
fn table_rows() -> Vec<Vec<String>> {
    let doc = fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let (_, after) = doc
        .split_once("<!-- tidy: dependencies -->")
        .expect("ARCHITECTURE.md marks its dependency table with <!-- tidy: dependencies -->");
    after
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .map(|row| row.split('|').map(str::to_string).collect())
        .collect()
}

fn ticked(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// The dependency table: module → the modules it may use.
fn dependency_table() -> Vec<(String, Vec<String>)> {
    table_rows()
        .iter()
        .filter_map(|cells| {
            let module = ticked(cells.get(1)?).into_iter().next()?;
            Some((module, ticked(cells.get(2)?)))
        })
        .collect()
}

/// What one row's third column says of a library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Library {
    /// Named: the row's modules may use it.
    Allowed,
    /// `★ lib`: this row alone may use it.
    Only,
    /// `not lib`: this row may not, even when a wider row may.
    Refused,
}

/// The library column: (row's module, library as a Rust name, what the row says of it).
/// Only ticked names that are dependencies in Cargo.toml count (`Serialize` is not one).
fn library_table(dependencies: &BTreeSet<String>) -> Vec<(String, String, Library)> {
    let mut out = Vec::new();
    for cells in table_rows() {
        let (Some(module), Some(column)) = (cells.get(1), cells.get(3)) else {
            continue;
        };
        let Some(module) = ticked(module).into_iter().next() else {
            continue;
        };
        let pieces: Vec<&str> = column.split('`').collect();
        for (i, name) in pieces.iter().enumerate().skip(1).step_by(2) {
            let library = name.replace('-', "_");
            if !dependencies.contains(&library) {
                continue;
            }
            let before = pieces[i - 1].trim_end();
            let said = if before.ends_with('★') {
                Library::Only
            } else if before.ends_with("not") {
                Library::Refused
            } else {
                Library::Allowed
            };
            out.push((module.clone(), library, said));
        }
    }
    out
}

/// Whether a row (`a`, or `a::*` for each child of `a`) holds `module`.
fn row_holds(entry: &str, module: &str) -> bool {
    let entry = entry.trim_end_matches("::*");
    module == entry || module.starts_with(&format!("{entry}::"))
}

/// The row a module falls under: the longest entry that is it or holds it. An entry
/// `a::*` makes each child of `a` a group of its own (its files may not use each other).
fn group_of(table: &[(String, Vec<String>)], module: &str) -> Option<(String, usize)> {
    let within = |entry: &str| module == entry || module.starts_with(&format!("{entry}::"));
    table
        .iter()
        .enumerate()
        .filter_map(|(row, (entry, _))| match entry.strip_suffix("::*") {
            Some(parent) if module.starts_with(&format!("{parent}::")) => {
                let child = module[parent.len() + 2..].split("::").next()?;
                Some((format!("{parent}::{child}"), row, parent.len() + 1))
            }
            Some(_) => None,
            None => within(entry).then(|| (entry.clone(), row, entry.len())),
        })
        .max_by_key(|(_, _, len)| *len)
        .map(|(group, row, _)| (group, row))
}

fn allowed(list: &[String], group: &str) -> bool {
    list.iter().any(|item| {
        let item = item.trim_end_matches("::*");
        group == item || group.starts_with(&format!("{item}::"))
    })
}

#[test]
fn every_module_opens_with_a_doc_line() {
    let mut missing: Vec<String> = load()
        .into_iter()
        .filter(|s| !s.test_only && !s.text.trim_start().starts_with("//!"))
        .map(|s| s.path)
        .collect();
    let mut tests = Vec::new();
    rust_files(&root().join("tests"), &mut tests);
    for file in tests {
        let text = fs::read_to_string(&file).expect("readable test source");
        if !text.trim_start().starts_with("//!") {
            missing.push(file.display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "these files lack a `//!` line saying what they own: {missing:?}"
    );
}

#[test]
fn imports_follow_the_dependency_table_in_architecture_md() {
    let table = dependency_table();
    assert!(table.len() > 5, "the dependency table was not found");
    let sources = load();
    let krate = Crate::new(&sources);
    let mut broken = Vec::new();
    for source in sources.iter().filter(|s| !s.test_only) {
        let Some(module) = &source.module else {
            continue;
        };
        if module.is_empty() {
            continue;
        }
        let Some((from_group, row)) = group_of(&table, &name(module)) else {
            broken.push(format!(
                "{}: no row in the table for `{}`",
                source.path,
                name(module)
            ));
            continue;
        };
        for target in krate.imports(source) {
            let Some((to_group, _)) = group_of(&table, &name(&target)) else {
                continue;
            };
            if to_group != from_group && !allowed(&table[row].1, &to_group) {
                broken.push(format!(
                    "{} (`{from_group}`) uses `{}`, which its row does not allow",
                    source.path,
                    name(&target)
                ));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// A library named in the table's third column may be used only inside the rows that name
/// it; the most specific row holding a module that names the library decides (`not lib`
/// refuses it there). A `★` library is named in one row only. Libraries the table does not
/// name (tokio, anyhow, tracing…) are free.
#[test]
fn libraries_stay_in_the_rows_that_name_them() {
    let dependencies = dependencies();
    assert!(dependencies.contains("axum"), "Cargo.toml was not read");
    let libraries = library_table(&dependencies);
    let mut broken = Vec::new();
    for (module, library, said) in &libraries {
        let rows = libraries
            .iter()
            .filter(|(_, l, s)| l == library && *s != Library::Refused);
        if *said == Library::Only && rows.count() > 1 {
            broken.push(format!(
                "`{library}` is ★ in `{module}` but named in other rows too"
            ));
        }
    }
    let table_names: BTreeSet<&String> = libraries.iter().map(|(_, l, _)| l).collect();
    for source in load().into_iter().filter(|s| !s.test_only) {
        let Some(module) = &source.module else {
            continue;
        };
        let module = name(module);
        for library in libraries_named(&source, &dependencies) {
            if !table_names.contains(&library) {
                continue;
            }
            let decided = libraries
                .iter()
                .filter(|(row, l, _)| *l == library && row_holds(row, &module))
                .max_by_key(|(row, _, _)| row.trim_end_matches("::*").len());
            if !matches!(decided, Some((_, _, Library::Allowed | Library::Only))) {
                broken.push(format!(
                    "{} (`{module}`) uses `{library}`, which ARCHITECTURE.md's table does not give it",
                    source.path
                ));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

/// What views may name from the modules that hold the store, the index and proposals: data,
/// never a handle (invariant 5: views never see a store, a searcher or a request).
const VIEW_INPUTS: &[&str] = &[
    "DataRelease",
    "FacetName",
    "Synonyms",
    "SearchQuery",
    "SearchResults",
    "Suggestions",
    "Range",
    "RangeValues",
    "FacetCounts",
    "FacetValue",
    "Hit",
    "Snippet",
    "Reading",
    "Sort",
    "DEFAULT_PER_PAGE",
    "MAX_OFFSET",
    "DERIVED_COLUMNS",
    "Desk",
    "Draft",
    "ErrorKind",
    "FieldError",
    "Reason",
];

/// Modules whose items a view may name only from [`VIEW_INPUTS`].
const HOLD_HANDLES: &[&str] = &["store", "search", "proposals"];

#[test]
fn views_take_data_never_a_store_an_index_or_a_request() {
    let sources = load();
    let krate = Crate::new(&sources);
    let mut found = Vec::new();
    for source in sources.iter().filter(|s| !s.test_only) {
        if !source.path.starts_with("src/web/views/") {
            continue;
        }
        for path in krate.named_paths(source) {
            let holds_handles = path
                .first()
                .is_some_and(|m| HOLD_HANDLES.contains(&m.as_str()));
            let is_module = krate.modules.contains(&path);
            let item = path.last().map_or("", String::as_str);
            if holds_handles && !is_module && !VIEW_INPUTS.contains(&item) {
                found.push(format!("{}: {}", source.path, path.join("::")));
            }
        }
        for word in ["axum", "Request", "HeaderMap", "AppState"] {
            if find_word(&source.code, word).is_some() {
                found.push(format!("{}: {word}", source.path));
            }
        }
    }
    assert!(
        found.is_empty(),
        "views are pure functions of data; pass them what they show, or add a data type to \
         VIEW_INPUTS in tests/tidy.rs:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_two_files_import_each_other_even_round_a_circle() {
    let sources = load();
    let krate = Crate::new(&sources);
    let graph: BTreeMap<Module, BTreeSet<Module>> = sources
        .iter()
        .filter(|s| !s.test_only)
        .filter_map(|s| Some((s.module.clone()?, krate.imports(s))))
        .collect();
    let cycles = cycles(&graph);
    let shown: Vec<String> = cycles
        .iter()
        .map(|c| c.iter().map(|m| name(m)).collect::<Vec<_>>().join(" → "))
        .collect();
    assert!(
        cycles.is_empty(),
        "import cycles between files:\n{}",
        shown.join("\n")
    );
}

/// One cycle per strongly connected set of modules, as a path that returns to its start.
fn cycles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    let mut found: Vec<Vec<Module>> = Vec::new();
    let mut in_a_cycle: BTreeSet<Module> = BTreeSet::new();
    for start in graph.keys() {
        if in_a_cycle.contains(start) {
            continue;
        }
        if let Some(cycle) = path_back(graph, start) {
            in_a_cycle.extend(cycle.iter().cloned());
            found.push(cycle);
        }
    }
    found
}

/// A shortest path from `start` back to itself (breadth first), if there is one.
fn path_back(graph: &BTreeMap<Module, BTreeSet<Module>>, start: &Module) -> Option<Vec<Module>> {
    let mut came_from: BTreeMap<Module, Module> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start.clone()]);
    while let Some(at) = queue.pop_front() {
        for next in graph.get(&at).into_iter().flatten() {
            if next == start {
                let mut path = vec![start.clone(), at.clone()];
                let mut step = at.clone();
                while &step != start {
                    step = came_from[&step].clone();
                    path.push(step.clone());
                }
                path.reverse();
                return Some(path);
            }
            if !came_from.contains_key(next) {
                came_from.insert(next.clone(), at.clone());
                queue.push_back(next.clone());
            }
        }
    }
    None
}

#[test]
fn unescaped_markup_and_unsafe_only_where_allowed() {
    let mut found = Vec::new();
    for source in load() {
        for word in ["PreEscaped", "unsafe"] {
            let code = cut_tests(&strip(&source.text)).0;
            let allowed = UNESCAPED_OR_UNSAFE_ALLOWED
                .iter()
                .any(|(path, _)| *path == source.path);
            if find_word(&code, word).is_some() && !allowed {
                found.push(format!("{}: {word}", source.path));
            }
        }
    }
    assert!(
        found.is_empty(),
        "not on the allow-list in tests/tidy.rs: {found:?}"
    );
}

#[test]
fn serving_code_never_unwraps() {
    let mut found = Vec::new();
    for source in load().into_iter().filter(|s| !s.test_only) {
        let Some(module) = &source.module else {
            continue;
        };
        if !module
            .first()
            .is_some_and(|m| SERVING.contains(&m.as_str()))
        {
            continue;
        }
        for (n, line) in source.code.lines().enumerate() {
            if line.contains(".unwrap()") || line.contains(".expect(") {
                found.push(format!("{}:{}: {}", source.path, n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "a panic in serving code is a 500 for a visitor; return an error instead:\n{}",
        found.join("\n")
    );
}

/// The files that may derive or implement `Serialize`, with why (invariant 6: internal
/// types are not `Serialize`).
const SERIALIZE_ALLOWED: &[(&str, &str)] = &[
    (
        "src/web/wire.rs",
        "every published shape is defined once, in web::wire",
    ),
    (
        "src/search/generation.rs",
        "the build record written beside each index generation",
    ),
];

#[test]
fn serialize_only_on_the_allow_list() {
    let found: Vec<String> = load()
        .into_iter()
        .filter(|s| !s.test_only && find_word(&s.code, "Serialize").is_some())
        .filter(|s| !SERIALIZE_ALLOWED.iter().any(|(path, _)| *path == s.path))
        .map(|s| s.path)
        .collect();
    assert!(
        found.is_empty(),
        "Serialize outside the allow-list in tests/tidy.rs (published shapes go in web::wire): {found:?}"
    );
}

/// Where in `web` a word may appear: `(word, the files allowed, why)`.
const WEB_WORDS: &[(&str, &[&str], &str)] = &[(
    "spawn_blocking",
    &["src/web/state.rs", "src/web/stream.rs", "src/web/mod.rs"],
    "handlers read through web::state; web::stream runs an export's writer; \
         web/mod.rs builds the first index and reloads generations off the request path",
)];

#[test]
fn spawn_blocking_stays_where_architecture_md_puts_it() {
    let mut found = Vec::new();
    for source in load().into_iter().filter(|s| !s.test_only) {
        if !source.path.starts_with("src/web/") {
            continue;
        }
        for (word, allowed, why) in WEB_WORDS {
            if find_word(&source.code, word).is_some() && !allowed.contains(&source.path.as_str()) {
                found.push(format!("{}: {word} ({why})", source.path));
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_reader_finds_imports_cycles_and_literals() {
    assert_eq!(
        expand("super::{a, b::{self, C as D}}"),
        [
            vec!["super", "a"],
            vec!["super", "b"],
            vec!["super", "b", "C"]
        ]
    );
    let stripped = strip("let s = \"crate::x\"; // crate::y\nlet c = '\"'; crate::z::f();");
    assert_eq!(inline_paths(&stripped), [vec!["crate", "z", "f"]]);
    let (code, children) = cut_tests(
        "fn a() {}\n#[cfg(test)]\nmod tests;\n#[cfg(test)]\nmod more { fn b() { crate::x(); } }\n",
    );
    assert_eq!(children, ["tests"]);
    assert_eq!(
        cut_tests("fn a() {}\n#[cfg(test)]\nmod last;\n").1,
        ["last"]
    );
    assert!(!code.contains("crate::x"));
    let m = |s: &str| -> Module { s.split("::").map(str::to_string).collect() };
    let graph = BTreeMap::from([
        (m("a"), BTreeSet::from([m("b")])),
        (m("b"), BTreeSet::from([m("c")])),
        (m("c"), BTreeSet::from([m("a")])),
        (m("d"), BTreeSet::from([m("a")])),
    ]);
    assert_eq!(cycles(&graph), [vec![m("a"), m("b"), m("c"), m("a")]]);
}

/// The README's "Rust (stable, X or newer)" is Cargo.toml's `rust-version`.
#[test]
fn the_readme_names_the_rust_version_cargo_toml_needs() {
    let manifest = fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    let needed = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .map(|v| v.trim().trim_matches('"').to_string())
        .expect("Cargo.toml has a rust-version");
    let readme = fs::read_to_string(root().join("README.md")).expect("README.md");
    assert!(
        readme.contains(&format!("{needed} or newer")),
        "README.md should say Rust {needed} or newer, as Cargo.toml's rust-version does"
    );
}

/// The longest a function may be, in lines from `fn` to its closing brace (non-test code).
const FUNCTION_LINES: usize = 80;

/// Functions allowed to be longer than [`FUNCTION_LINES`]: `(file, function, why)`. Each must
/// still be long, so the list cannot outlive its reasons.
const LONG_FUNCTIONS: &[(&str, &str, &str)] = &[
    (
        "src/moderation.rs",
        "run",
        "one match arm per moderation subcommand, each a few lines",
    ),
    (
        "src/search/tally.rs",
        "tally",
        "one search's counting: the first pass, the fallbacks, the disjunctive facet passes \
         and the range passes all use the matching chosen and its query",
    ),
    (
        "src/store/rows.rs",
        "practice_from_row",
        "one line per column of the practices table, in the order SELECT_PRACTICE names them",
    ),
    (
        "src/web/routes/proposals.rs",
        "api_submit",
        "the proposal API's answers in the order they are decided (origin, body, desk, then \
         each outcome of the check), each with its own status",
    ),
    (
        "src/web/routes/propose.rs",
        "submit",
        "the form's answers in the order they are decided (origin, honeypot, desk, then \
         each outcome of the check), each with its own page",
    ),
    (
        "src/web/serving/guard.rs",
        "check",
        "the guard's limits in the order a request meets them (address, head, rate, slots, \
         body), each refusal a few lines",
    ),
    (
        "src/web/views/api_docs_page.rs",
        "api_docs_page",
        "markup: the page reads top to bottom as it is drawn",
    ),
    (
        "src/web/views/atom.rs",
        "practices_feed",
        "markup: the Atom document reads top to bottom as it is written",
    ),
    (
        "src/web/views/detention.rs",
        "country_section",
        "markup: the chart and its table read top to bottom as they are drawn",
    ),
    (
        "src/web/views/practice_page.rs",
        "costs",
        "markup: the costs section reads top to bottom as it is drawn",
    ),
    (
        "src/web/views/propose_page.rs",
        "field",
        "markup: one form field with its label, hint, error and each kind of input",
    ),
];

/// The longest a module may be without saying why in its `//!` lines.
const MODULE_LINES: usize = 500;

/// The `//!` words that open a long module's reason: `//! Over 500 lines: why…` (a note in
/// brackets may come before the colon; the reason runs to the end of its paragraph).
const LONG_MODULE_MARKER: &str = "Over 500 lines";

/// Where modules may be long without a reason, and why.
const LONG_MODULES_FREE: &[(&str, &str)] = &[
    (
        "src/web/views/",
        "one file per page: a page's markup reads best in one place",
    ),
    (
        "src/import/cell.rs",
        "every cell rule of the import, one small function each",
    ),
];

/// The functions in `code` (stripped, tests cut) as `(name, first line, line count)`.
fn functions(code: &str) -> Vec<(String, usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = find_word(&code[from..], "fn").map(|i| from + i) {
        from = at + 2;
        let rest = &code[from..];
        let name: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        if name.is_empty() || !rest.starts_with(char::is_whitespace) {
            continue; // `fn(…)`, a pointer type
        }
        let mut parens = 0i32;
        let Some(body) = rest.char_indices().find_map(|(i, c)| {
            match c {
                '(' | '[' => parens += 1,
                ')' | ']' => parens -= 1,
                '{' | ';' if parens == 0 => return Some((i, c)),
                _ => {}
            }
            None
        }) else {
            continue;
        };
        if body.1 == ';' {
            continue; // a trait's declaration
        }
        let open = from + body.0;
        let close = matching_brace(code, open);
        let first = code[..at].matches('\n').count() + 1;
        let last = code[..close].matches('\n').count() + 1;
        found.push((name, first, last - first + 1));
    }
    found
}

#[test]
fn functions_stay_under_80_lines_or_say_why() {
    let mut long = Vec::new();
    let mut seen = BTreeSet::new();
    for source in load().into_iter().filter(|s| !s.test_only) {
        for (name, line, lines) in functions(&source.code) {
            if lines <= FUNCTION_LINES {
                continue;
            }
            let listed = LONG_FUNCTIONS
                .iter()
                .any(|(path, f, _)| *path == source.path && *f == name);
            if listed {
                seen.insert((source.path.clone(), name));
            } else {
                long.push(format!("{}:{line}: {name} ({lines} lines)", source.path));
            }
        }
    }
    let stale: Vec<String> = LONG_FUNCTIONS
        .iter()
        .filter(|(path, f, _)| !seen.contains(&(path.to_string(), f.to_string())))
        .map(|(path, f, _)| format!("{path}: {f}"))
        .collect();
    assert!(
        long.is_empty(),
        "functions over {FUNCTION_LINES} lines: split them where it reads better, or add \
         one to LONG_FUNCTIONS in tests/tidy.rs with why:\n{}",
        long.join("\n")
    );
    assert!(
        stale.is_empty(),
        "LONG_FUNCTIONS names functions that are gone or short now; remove them: {stale:?}"
    );
}

/// The reason a module's `//!` lines give for its length: the words after the colon that
/// follows [`LONG_MODULE_MARKER`], to the end of that paragraph.
fn long_module_reason(text: &str) -> Option<String> {
    let doc: Vec<&str> = text
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .map(|l| l.trim_start_matches("//!").trim())
        .collect();
    let doc = doc.join("\n");
    let (_, after) = doc.split_once(LONG_MODULE_MARKER)?;
    let paragraph = after.split("\n\n").next().unwrap_or_default();
    let (_, why) = paragraph.split_once(':')?;
    Some(why.trim().to_string())
}

#[test]
fn modules_over_500_lines_say_why_in_their_doc_lines() {
    let mut silent = Vec::new();
    for source in load() {
        if LONG_MODULES_FREE
            .iter()
            .any(|(place, _)| source.path.starts_with(place))
        {
            continue;
        }
        let lines = source.text.lines().count();
        if lines <= MODULE_LINES {
            continue;
        }
        if long_module_reason(&source.text).is_none_or(|why| why.split_whitespace().count() < 6) {
            silent.push(format!("{} ({lines} lines)", source.path));
        }
    }
    assert!(
        silent.is_empty(),
        "modules over {MODULE_LINES} lines: split them by what they hold, or say why they are \
         one thing in a `//! {LONG_MODULE_MARKER} …` line (ARCHITECTURE.md, \"Size\"):\n{}",
        silent.join("\n")
    );
}

#[test]
fn the_reader_measures_functions_and_finds_reasons() {
    let code = "fn a() {\n    x();\n}\ntype F = fn(u8);\ntrait T { fn b(&self); }\nimpl T for () {\n    fn b(&self) { if y { z() } }\n}\n";
    assert_eq!(
        functions(code),
        [("a".to_string(), 1, 3), ("b".to_string(), 7, 1)]
    );
    let doc = "//! Owns x.\n//!\n//! Over 500 lines (600): one thing,\n//! told once.\n//!\n//! More.\nfn f() {}";
    assert_eq!(
        long_module_reason(doc).as_deref(),
        Some("one thing,\ntold once.")
    );
    assert_eq!(long_module_reason("//! Owns x.\nfn f() {}"), None);
}

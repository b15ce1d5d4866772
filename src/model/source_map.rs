//! Positions of values inside a RON text, so semantic errors can point at the exact spot.
//!
//! serde and `ron` give us values without positions. Once a file has parsed, we read it again
//! with this small, lenient reader that only records where each struct field, list item and
//! map key starts. Validation then asks for `components[3].group` and gets a line and column.

use super::diagnostic::Pos;

/// One step of a path into the document.
#[derive(Clone, Copy, Debug)]
pub enum Seg<'a> {
    /// A named struct field (`label: …`).
    Field(&'a str),
    /// The n-th item of a list or tuple.
    Index(usize),
    /// The entry of a map whose key is this string.
    Key(&'a str),
}

/// A parsed outline of the document: every value with its start position.
#[derive(Debug, Default)]
pub struct SourceMap {
    root: Option<Node>,
}

#[derive(Debug)]
enum Node {
    Fields {
        pos: Pos,
        fields: Vec<(String, Pos, Node)>,
    },
    Seq {
        pos: Pos,
        items: Vec<Node>,
    },
    Map {
        pos: Pos,
        entries: Vec<(Option<String>, Pos, Node)>,
    },
    Atom {
        pos: Pos,
    },
}

impl Node {
    fn pos(&self) -> Pos {
        match self {
            Node::Fields { pos, .. }
            | Node::Seq { pos, .. }
            | Node::Map { pos, .. }
            | Node::Atom { pos } => *pos,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Open(char),
    Close(char),
    Colon,
    Comma,
    Str(String),
    Ident(String),
    Other,
}

/// Deepest nesting the outline follows; deeper values are treated as atoms.
const MAX_DEPTH: usize = 200;

impl SourceMap {
    /// Outline `src`. Never fails: on anything unexpected it simply records less.
    pub fn build(src: &str) -> SourceMap {
        let toks = tokenize(src);
        let mut p = Parser { toks: &toks, i: 0 };
        // Skip `#![enable(...)]` attributes.
        while matches!(p.peek(), Some((Tok::Other, _))) {
            p.i += 1;
            if matches!(p.peek(), Some((Tok::Open('['), _))) {
                p.value(0);
            }
        }
        SourceMap { root: p.value(0) }
    }

    /// Where the value at `path` starts; falls back to the deepest ancestor that exists.
    pub fn locate(&self, path: &[Seg]) -> Pos {
        self.locate_key(path, false)
    }

    /// Where the *key* of the last path step starts (`label` in `label: "x"`); for map keys and
    /// fields this points at the name rather than the value.
    pub fn locate_name(&self, path: &[Seg]) -> Pos {
        self.locate_key(path, true)
    }

    fn locate_key(&self, path: &[Seg], want_key: bool) -> Pos {
        let Some(mut node) = self.root.as_ref() else {
            return Pos::START;
        };
        let mut best = node.pos();
        for (n, seg) in path.iter().enumerate() {
            let last = n + 1 == path.len();
            let next = match (node, seg) {
                (Node::Fields { fields, .. }, Seg::Field(name)) => fields
                    .iter()
                    .find(|(k, _, _)| k == name)
                    .map(|(_, kp, v)| (*kp, v)),
                (Node::Fields { fields, .. }, Seg::Index(i)) => {
                    fields.get(*i).map(|(_, kp, v)| (*kp, v))
                }
                (Node::Seq { items, .. }, Seg::Index(i)) => items.get(*i).map(|v| (v.pos(), v)),
                (Node::Map { entries, .. }, Seg::Key(key)) => entries
                    .iter()
                    .find(|(k, _, _)| k.as_deref() == Some(*key))
                    .map(|(_, kp, v)| (*kp, v)),
                _ => None,
            };
            match next {
                Some((key_pos, child)) => {
                    best = if last && want_key {
                        key_pos
                    } else {
                        child.pos()
                    };
                    node = child;
                }
                None => return best,
            }
        }
        best
    }
}

struct Parser<'t> {
    toks: &'t [(Tok, Pos)],
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&(Tok, Pos)> {
        self.toks.get(self.i)
    }

    fn next(&mut self) -> Option<(Tok, Pos)> {
        let t = self.toks.get(self.i).cloned();
        self.i += 1;
        t
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        let (tok, pos) = self.next()?;
        if depth > MAX_DEPTH {
            return Some(Node::Atom { pos });
        }
        match tok {
            Tok::Ident(_) => {
                if matches!(self.peek(), Some((Tok::Open('('), _))) {
                    self.i += 1;
                    Some(self.paren(pos, depth))
                } else {
                    Some(Node::Atom { pos })
                }
            }
            Tok::Open('(') => Some(self.paren(pos, depth)),
            Tok::Open('[') => {
                let mut items = Vec::new();
                loop {
                    match self.peek() {
                        None => break,
                        Some((Tok::Close(_), _)) => {
                            self.i += 1;
                            break;
                        }
                        Some((Tok::Comma, _)) => self.i += 1,
                        _ => items.extend(self.value(depth + 1)),
                    }
                }
                Some(Node::Seq { pos, items })
            }
            Tok::Open('{') => {
                let mut entries = Vec::new();
                loop {
                    match self.peek() {
                        None => break,
                        Some((Tok::Close(_), _)) => {
                            self.i += 1;
                            break;
                        }
                        Some((Tok::Comma, _)) => self.i += 1,
                        Some((key_tok, key_pos)) => {
                            let key = match key_tok {
                                Tok::Str(s) | Tok::Ident(s) => Some(s.clone()),
                                _ => None,
                            };
                            let key_pos = *key_pos;
                            self.value(depth + 1);
                            if matches!(self.peek(), Some((Tok::Colon, _))) {
                                self.i += 1;
                            }
                            if let Some(v) = self.value(depth + 1) {
                                entries.push((key, key_pos, v));
                            }
                        }
                    }
                }
                Some(Node::Map { pos, entries })
            }
            _ => Some(Node::Atom { pos }),
        }
    }

    /// After an opening `(`: named fields or tuple items, up to the matching `)`.
    fn paren(&mut self, pos: Pos, depth: usize) -> Node {
        let named = matches!(
            (self.toks.get(self.i), self.toks.get(self.i + 1)),
            (Some((Tok::Ident(_), _)), Some((Tok::Colon, _)))
        );
        let mut fields = Vec::new();
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None => break,
                Some((Tok::Close(_), _)) => {
                    self.i += 1;
                    break;
                }
                Some((Tok::Comma, _)) => self.i += 1,
                Some((Tok::Ident(name), key_pos)) if named => {
                    let (name, key_pos) = (name.clone(), *key_pos);
                    self.i += 1;
                    if matches!(self.peek(), Some((Tok::Colon, _))) {
                        self.i += 1;
                    }
                    if let Some(v) = self.value(depth + 1) {
                        fields.push((name, key_pos, v));
                    }
                }
                _ => items.extend(self.value(depth + 1)),
            }
        }
        if named {
            Node::Fields { pos, fields }
        } else {
            Node::Seq { pos, items }
        }
    }
}

/// A position-tracking reader over the characters of a text.
struct Cursor {
    chars: Vec<char>,
    i: usize,
    line: usize,
    col: usize,
}

impl Cursor {
    fn peek(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek(0)?;
        self.i += 1;
        if c == '\n' {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        Some(c)
    }

    /// Read a quoted string body after the opening quote (escapes kept as the escaped char).
    fn string_body(&mut self) -> String {
        let mut s = String::new();
        while let Some(c) = self.bump() {
            match c {
                '"' => break,
                '\\' => s.extend(self.bump()),
                c => s.push(c),
            }
        }
        s
    }

    /// Read a raw string `r#"…"#` after the `r`.
    fn raw_string(&mut self) -> String {
        let mut hashes = 0;
        while self.peek(0) == Some('#') {
            hashes += 1;
            self.bump();
        }
        self.bump(); // opening quote
        let mut s = String::new();
        while let Some(c) = self.bump() {
            if c == '"' && (0..hashes).all(|k| self.peek(k) == Some('#')) {
                for _ in 0..hashes {
                    self.bump();
                }
                break;
            }
            s.push(c);
        }
        s
    }

    fn skip_block_comment(&mut self) {
        let mut level = 0usize;
        while let Some(c) = self.peek(0) {
            if c == '/' && self.peek(1) == Some('*') {
                level += 1;
                self.bump();
                self.bump();
            } else if c == '*' && self.peek(1) == Some('/') {
                self.bump();
                self.bump();
                level = level.saturating_sub(1);
                if level == 0 {
                    return;
                }
            } else {
                self.bump();
            }
        }
    }
}

/// Split RON text into the few token kinds the outline needs, skipping comments.
fn tokenize(src: &str) -> Vec<(Tok, Pos)> {
    let mut cur = Cursor {
        chars: src.chars().collect(),
        i: 0,
        line: 1,
        col: 1,
    };
    let mut toks = Vec::new();
    while let Some(c) = cur.peek(0) {
        let pos = cur.pos();
        match c {
            c if c.is_whitespace() => {
                cur.bump();
            }
            '/' if cur.peek(1) == Some('/') => {
                while cur.peek(0).is_some_and(|c| c != '\n') {
                    cur.bump();
                }
            }
            '/' if cur.peek(1) == Some('*') => cur.skip_block_comment(),
            '"' => {
                cur.bump();
                toks.push((Tok::Str(cur.string_body()), pos));
            }
            'r' if matches!(cur.peek(1), Some('"') | Some('#')) => {
                cur.bump();
                toks.push((Tok::Str(cur.raw_string()), pos));
            }
            '(' | '[' | '{' => {
                cur.bump();
                toks.push((Tok::Open(c), pos));
            }
            ')' | ']' | '}' => {
                cur.bump();
                toks.push((Tok::Close(c), pos));
            }
            ':' => {
                cur.bump();
                toks.push((Tok::Colon, pos));
            }
            ',' => {
                cur.bump();
                toks.push((Tok::Comma, pos));
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut s = String::new();
                while let Some(c) = cur.peek(0).filter(|c| c.is_alphanumeric() || *c == '_') {
                    s.push(c);
                    cur.bump();
                }
                toks.push((Tok::Ident(s), pos));
            }
            '\'' => {
                cur.bump();
                while let Some(c) = cur.bump() {
                    match c {
                        '\'' => break,
                        '\\' => {
                            cur.bump();
                        }
                        _ => {}
                    }
                }
                toks.push((Tok::Other, pos));
            }
            _ => {
                // Numbers, signs, `#`, `!`: one token per run of such characters.
                while let Some(d) = cur.peek(0) {
                    let comment = d == '/' && matches!(cur.peek(1), Some('/') | Some('*'));
                    if d.is_whitespace() || "()[]{}:,\"".contains(d) || comment {
                        break;
                    }
                    cur.bump();
                    if d == '#' || d == '!' {
                        break;
                    }
                }
                toks.push((Tok::Other, pos));
            }
        }
    }
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = r#"#![enable(implicit_some)]
// comment with ( and "quotes
Diagram(
    title: "T",
    components: [
        Component(id: "a", cell: (1, 2)),
        (id: "b", group: "g", moves: { "s2": (3, 4) }),
    ],
)"#;

    #[test]
    fn locates_fields_items_and_keys() {
        let map = SourceMap::build(SRC);
        assert_eq!(map.locate(&[Seg::Field("title")]), Pos { line: 4, col: 12 });
        assert_eq!(
            map.locate(&[Seg::Field("components"), Seg::Index(1)]),
            Pos { line: 7, col: 9 }
        );
        assert_eq!(
            map.locate(&[Seg::Field("components"), Seg::Index(1), Seg::Field("group")]),
            Pos { line: 7, col: 26 }
        );
        assert_eq!(
            map.locate_name(&[
                Seg::Field("components"),
                Seg::Index(1),
                Seg::Field("moves"),
                Seg::Key("s2")
            ]),
            Pos { line: 7, col: 40 }
        );
        assert_eq!(
            map.locate(&[
                Seg::Field("components"),
                Seg::Index(0),
                Seg::Field("cell"),
                Seg::Index(1)
            ]),
            Pos { line: 6, col: 38 }
        );
    }

    #[test]
    fn missing_paths_fall_back_to_the_deepest_ancestor() {
        let map = SourceMap::build(SRC);
        assert_eq!(
            map.locate(&[Seg::Field("components"), Seg::Index(0), Seg::Field("nope")]),
            Pos { line: 6, col: 9 }
        );
        assert_eq!(SourceMap::build("").locate(&[Seg::Field("x")]), Pos::START);
    }

    #[test]
    fn garbage_never_panics() {
        for src in [
            "(((((",
            ")))]]}",
            "\"unterminated",
            "r#\"x",
            "/* open",
            "{ : : , }",
            "'x",
        ] {
            let _ = SourceMap::build(src).locate(&[Seg::Field("a"), Seg::Index(3)]);
        }
        let deep = "[".repeat(10_000);
        let _ = SourceMap::build(&deep).locate(&[Seg::Index(0)]);
    }
}

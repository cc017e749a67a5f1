//! A regular expression engine for the subset `partitions.json` region patterns use.
use std::collections::BTreeSet;

/// A regular expression in the subset `partitions.json` uses: `^`/`$` at the ends, literals,
/// `\`-escaped punctuation, `\d \w \s`, `.`, `[...]` sets, `(a|b)` groups and `* + ? {n,m}`.
/// Anything else is refused at parse time rather than silently mismatched.
#[derive(Debug, Clone)]
pub(super) struct RegionPattern {
    anchored_start: bool,
    anchored_end: bool,
    sequence: Vec<Piece>,
}

#[derive(Debug, Clone)]
struct Piece {
    atom: Atom,
    min: usize,
    /// `usize::MAX` when unbounded.
    max: usize,
}

#[derive(Debug, Clone)]
enum Atom {
    Literal(char),
    Any,
    Set {
        ranges: Vec<(char, char)>,
        negated: bool,
    },
    Group(Vec<Vec<Piece>>),
}

const DIGIT: &[(char, char)] = &[('0', '9')];
const WORD: &[(char, char)] = &[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];
const SPACE: &[(char, char)] = &[('\t', '\r'), (' ', ' ')];

impl RegionPattern {
    pub(super) fn compile(pattern: &str) -> Result<RegionPattern, String> {
        let mut chars: Vec<char> = pattern.chars().collect();
        let anchored_start = chars.first() == Some(&'^');
        if anchored_start {
            chars.remove(0);
        }
        let trailing_backslashes = chars
            .iter()
            .rev()
            .skip(1)
            .take_while(|c| **c == '\\')
            .count();
        let anchored_end = chars.last() == Some(&'$') && trailing_backslashes % 2 == 0;
        if anchored_end {
            chars.pop();
        }
        let mut parser = PatternParser { chars, pos: 0 };
        let mut alternatives = parser.alternatives()?;
        if parser.pos < parser.chars.len() {
            return Err(parser.unsupported());
        }
        if alternatives.len() != 1 {
            return Err("top-level `|` is not supported".to_owned());
        }
        Ok(RegionPattern {
            anchored_start,
            anchored_end,
            sequence: alternatives.remove(0),
        })
    }

    pub(super) fn is_match(&self, text: &str) -> bool {
        let text: Vec<char> = text.chars().collect();
        let starts: BTreeSet<usize> = if self.anchored_start {
            BTreeSet::from([0])
        } else {
            (0..=text.len()).collect()
        };
        let ends = sequence_ends(&self.sequence, &text, starts);
        if self.anchored_end {
            ends.contains(&text.len())
        } else {
            !ends.is_empty()
        }
    }
}

struct PatternParser {
    chars: Vec<char>,
    pos: usize,
}

impl PatternParser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.pos += 1;
        c
    }

    fn unsupported(&self) -> String {
        match self.peek() {
            Some(c) => format!("unsupported construct `{c}` at character {}", self.pos),
            None => "unexpected end of pattern".to_owned(),
        }
    }

    /// `a|b|c` up to an unmatched `)` or the end.
    fn alternatives(&mut self) -> Result<Vec<Vec<Piece>>, String> {
        let mut alternatives = vec![self.sequence()?];
        while self.peek() == Some('|') {
            self.pos += 1;
            alternatives.push(self.sequence()?);
        }
        Ok(alternatives)
    }

    fn sequence(&mut self) -> Result<Vec<Piece>, String> {
        let mut pieces = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            let (min, max) = self.quantifier()?;
            pieces.push(Piece { atom, min, max });
        }
        Ok(pieces)
    }

    fn atom(&mut self) -> Result<Atom, String> {
        match self.peek() {
            Some('(') => {
                self.pos += 1;
                if self.peek() == Some('?') {
                    if self.chars.get(self.pos + 1) != Some(&':') {
                        return Err(self.unsupported());
                    }
                    self.pos += 2;
                }
                let alternatives = self.alternatives()?;
                if self.next() != Some(')') {
                    return Err("unclosed `(`".to_owned());
                }
                Ok(Atom::Group(alternatives))
            }
            Some('[') => {
                self.pos += 1;
                self.set()
            }
            Some('\\') => {
                self.pos += 1;
                self.escape()
            }
            Some('.') => {
                self.pos += 1;
                Ok(Atom::Any)
            }
            Some('^' | '$' | '*' | '+' | '?' | '{' | '}' | ']') | None => Err(self.unsupported()),
            Some(c) => {
                self.pos += 1;
                Ok(Atom::Literal(c))
            }
        }
    }

    /// After a `\`: a class (`\d \w \s`) or escaped punctuation.
    fn escape(&mut self) -> Result<Atom, String> {
        let class = |ranges: &[(char, char)]| Atom::Set {
            ranges: ranges.to_vec(),
            negated: false,
        };
        match self.peek() {
            Some('d') => {
                self.pos += 1;
                Ok(class(DIGIT))
            }
            Some('w') => {
                self.pos += 1;
                Ok(class(WORD))
            }
            Some('s') => {
                self.pos += 1;
                Ok(class(SPACE))
            }
            Some(c) if c.is_ascii_punctuation() => {
                self.pos += 1;
                Ok(Atom::Literal(c))
            }
            _ => Err(self.unsupported()),
        }
    }

    /// After a `[`: ranges, single characters and `\d \w \s` up to `]`.
    fn set(&mut self) -> Result<Atom, String> {
        let negated = self.peek() == Some('^');
        if negated {
            self.pos += 1;
        }
        let mut ranges = Vec::new();
        loop {
            let low = match self.next() {
                None => return Err("unclosed `[`".to_owned()),
                Some(']') if !ranges.is_empty() => break,
                Some('\\') => match self.escape()? {
                    Atom::Literal(c) => c,
                    Atom::Set { ranges: class, .. } => {
                        ranges.extend(class);
                        continue;
                    }
                    _ => return Err(self.unsupported()),
                },
                Some(c) => c,
            };
            let is_range =
                self.peek() == Some('-') && self.chars.get(self.pos + 1).is_some_and(|c| *c != ']');
            if is_range {
                self.pos += 1;
                let high = match self.next() {
                    Some('\\') => match self.escape()? {
                        Atom::Literal(c) => c,
                        _ => return Err(self.unsupported()),
                    },
                    Some(c) => c,
                    None => return Err("unclosed `[`".to_owned()),
                };
                ranges.push((low, high));
            } else {
                ranges.push((low, low));
            }
        }
        Ok(Atom::Set { ranges, negated })
    }

    fn quantifier(&mut self) -> Result<(usize, usize), String> {
        let bounds = match self.peek() {
            Some('*') => (0, usize::MAX),
            Some('+') => (1, usize::MAX),
            Some('?') => (0, 1),
            Some('{') => return self.braces(),
            _ => return Ok((1, 1)),
        };
        self.pos += 1;
        self.skip_lazy_marker();
        Ok(bounds)
    }

    /// `{n}`, `{n,}` or `{n,m}` (the `{` not yet consumed).
    fn braces(&mut self) -> Result<(usize, usize), String> {
        let close = self.chars[self.pos..]
            .iter()
            .position(|c| *c == '}')
            .ok_or("unclosed `{`")?;
        let inside: String = self.chars[self.pos + 1..self.pos + close].iter().collect();
        let number = |s: &str| {
            s.trim()
                .parse::<usize>()
                .map_err(|_| format!("bad repetition `{{{inside}}}`"))
        };
        let bounds = match inside.split_once(',') {
            None => {
                let n = number(&inside)?;
                (n, n)
            }
            Some((min, "")) => (number(min)?, usize::MAX),
            Some((min, max)) => (number(min)?, number(max)?),
        };
        self.pos += close + 1;
        self.skip_lazy_marker();
        Ok(bounds)
    }

    /// Laziness changes which match is found, never whether one is.
    fn skip_lazy_marker(&mut self) {
        if self.peek() == Some('?') {
            self.pos += 1;
        }
    }
}

/// Every position where `sequence` can end, having started at any of `starts`. Sets of
/// positions instead of backtracking keep matching linear in the pattern's size.
fn sequence_ends(sequence: &[Piece], text: &[char], starts: BTreeSet<usize>) -> BTreeSet<usize> {
    sequence.iter().fold(starts, |positions, piece| {
        piece_ends(piece, text, positions)
    })
}

fn piece_ends(piece: &Piece, text: &[char], starts: BTreeSet<usize>) -> BTreeSet<usize> {
    let mut reached = if piece.min == 0 {
        starts.clone()
    } else {
        BTreeSet::new()
    };
    let mut frontier = starts;
    let mut count = 0;
    while count < piece.max && !frontier.is_empty() {
        let next = atom_ends(&piece.atom, text, &frontier);
        count += 1;
        if count < piece.min {
            frontier = next;
            continue;
        }
        // Positions already reached were expanded from their earliest count; only new ones matter.
        frontier = next.difference(&reached).copied().collect();
        reached.extend(frontier.iter().copied());
    }
    reached
}

fn atom_ends(atom: &Atom, text: &[char], starts: &BTreeSet<usize>) -> BTreeSet<usize> {
    match atom {
        Atom::Group(alternatives) => alternatives
            .iter()
            .flat_map(|alternative| sequence_ends(alternative, text, starts.clone()))
            .collect(),
        _ => starts
            .iter()
            .filter(|pos| text.get(**pos).is_some_and(|c| atom_accepts(atom, *c)))
            .map(|pos| pos + 1)
            .collect(),
    }
}

fn atom_accepts(atom: &Atom, c: char) -> bool {
    match atom {
        Atom::Literal(literal) => *literal == c,
        Atom::Any => c != '\n',
        Atom::Set { ranges, negated } => {
            ranges.iter().any(|(low, high)| (*low..=*high).contains(&c)) != *negated
        }
        Atom::Group(_) => false,
    }
}

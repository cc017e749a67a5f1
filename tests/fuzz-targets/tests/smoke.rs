//! A short run of every fuzz target: its committed corpus (`fuzz/corpus/<target>/`), then
//! deterministic pseudo-random inputs and mutations of the corpus entries. Seconds, on stable;
//! `fuzz/README` in the repository README says how to run the targets for real.
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Generated inputs per target, on top of its corpus.
const GENERATED: usize = 3000;

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .collect()
}

/// xorshift64*: reproducible inputs without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// Characters that matter to the parsers, so random text reaches past the first check.
const INTERESTING: &[u8] = b"{}[]\":,#\\\n =-._/?@0123456789aAzZ\0\xff";

/// One libFuzzer-style mutation of `input` (with `other` for splicing).
fn mutate(rng: &mut Rng, input: &[u8], other: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(6) {
            0 if !out.is_empty() => {
                let last = out.len() - 1;
                out[at.min(last)] ^= 1 << rng.below(8);
            }
            1 => out.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
            2 if at < out.len() => {
                let end = (at + 1 + rng.below(16)).min(out.len());
                out.drain(at..end);
            }
            3 => out.truncate(at),
            4 => {
                let from = rng.below(other.len() + 1);
                let end = (from + rng.below(64)).min(other.len());
                out.splice(at..at, other[from..end].iter().copied());
            }
            _ => {
                let len = rng.below(8);
                out.splice(at..at, rng.bytes(len));
            }
        }
    }
    out
}

fn inputs(target: &str) -> Vec<Vec<u8>> {
    let corpus = corpus(target);
    assert!(!corpus.is_empty(), "fuzz/corpus/{target} is empty");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ target.len() as u64);
    let mut inputs = corpus.clone();
    for i in 0..GENERATED {
        let input = if i % 4 == 0 {
            let len = rng.below(64);
            rng.bytes(len)
        } else {
            let base = &corpus[rng.below(corpus.len())];
            let other = &corpus[rng.below(corpus.len())];
            mutate(&mut rng, base, other)
        };
        inputs.push(input);
    }
    inputs
}

fn smoke(target: &str) {
    let (_, run) = fuzz_targets::TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .expect("a known target");
    for input in inputs(target) {
        if catch_unwind(AssertUnwindSafe(|| run(&input))).is_err() {
            panic!(
                "fuzz target {target} panicked on {:?}",
                String::from_utf8_lossy(&input)
            );
        }
    }
}

#[test]
fn every_target_has_a_smoke_test() {
    let names: Vec<&str> = fuzz_targets::TARGETS.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        names,
        [
            "response",
            "error_code",
            "model",
            "endpoint_params",
            "endpoint_rules",
            "profile"
        ]
    );
}

#[test]
fn response() {
    smoke("response");
}

#[test]
fn error_code() {
    smoke("error_code");
}

#[test]
fn model() {
    smoke("model");
}

#[test]
fn endpoint_params() {
    smoke("endpoint_params");
}

#[test]
fn endpoint_rules() {
    smoke("endpoint_rules");
}

#[test]
fn profile() {
    smoke("profile");
}

//! One test per conformance case, found from the case files when the binary starts (see the
//! crate docs). `cargo test -p conformance -- --list` names them all; the first case to run
//! in a suite generates, builds and runs that suite's runner, and the others wait for it.
use conformance::build::{self, Paths};
use conformance::check;
use conformance::suite::{self, Suite};
use libtest_mimic::{Arguments, Failed, Trial};
use serde_json::{Map, Value};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// A suite with its plan and, once the first of its cases has run, the runner's results.
struct Shared {
    suite: Suite,
    paths: Paths,
    plans: Vec<Result<Value, String>>,
    observed: OnceLock<Result<Map<String, Value>, String>>,
}

impl Shared {
    fn new(suite: Suite, paths: Paths) -> Shared {
        let plans = suite
            .cases
            .iter()
            .map(|case| check::plan_entry(&suite, case))
            .collect();
        Shared {
            suite,
            paths,
            plans,
            observed: OnceLock::new(),
        }
    }

    fn observed(&self) -> &Result<Map<String, Value>, String> {
        self.observed.get_or_init(|| {
            let runnable = self.plans.iter().filter_map(|p| p.as_ref().ok()).cloned();
            build::observe(&self.suite, runnable.collect(), &self.paths)
        })
    }

    fn run_case(&self, index: usize) -> Result<(), Failed> {
        let case = &self.suite.cases[index];
        let plan = match &self.plans[index] {
            Ok(plan) => plan,
            Err(e) => return Err(format!("{}: the case cannot be run: {e}", case.key()).into()),
        };
        let observed = self
            .observed()
            .as_ref()
            .map_err(|e| Failed::from(e.as_str()))?;
        let result = observed
            .get(&case.key())
            .ok_or_else(|| format!("the runner reported nothing for {}", case.key()))?;
        check::check(&self.suite, case, plan, result).map_err(Failed::from)
    }
}

fn failing(name: &str, message: String) -> Trial {
    Trial::test(name, move || Err(message.into()))
}

fn trials() -> Vec<Trial> {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let repository = repository.canonicalize().unwrap_or(repository);
    let paths = Paths::new(&repository);
    let root = suite::conformance_root(&repository);
    let dirs = match suite::default_suite_dirs(&repository) {
        Ok(dirs) if !dirs.is_empty() => dirs,
        Ok(_) => {
            let message = format!(
                "no suite (a folder with model.json and requests.json or responses.json) in {}",
                root.display()
            );
            return vec![failing("conformance_suites_found", message)];
        }
        Err(e) => {
            let message = format!(
                "cannot read the conformance suites: {e}\n(they live in ../shared/conformance \
                 beside the repository, or in the folder ${} names)",
                suite::DIR_VARIABLE
            );
            return vec![failing("conformance_suites_found", message)];
        }
    };
    let mut trials = Vec::new();
    for dir in dirs {
        let prefix = dir
            .file_name()
            .map(|n| suite::test_prefix(&n.to_string_lossy()))
            .unwrap_or_default();
        let suite = match Suite::load(&dir) {
            Ok(suite) => suite,
            Err(e) => {
                trials.push(failing(&format!("{prefix}_suite_loads"), e));
                continue;
            }
        };
        let names: Vec<String> = suite.cases.iter().map(|c| c.test_name(&prefix)).collect();
        let shared = Arc::new(Shared::new(suite, paths.clone()));
        for (index, name) in names.into_iter().enumerate() {
            let shared = Arc::clone(&shared);
            trials.push(Trial::test(name, move || shared.run_case(index)));
        }
    }
    trials
}

fn main() {
    let args = Arguments::from_args();
    libtest_mimic::run(&args, trials()).exit();
}

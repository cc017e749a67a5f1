//! EventBridge Scheduler against moto, through a restJson1 client generated at test time. Written
//! next to that client by the moto-rest-json harness (tests/moto-rest-json) from
//! runner/scheduler.rs. DO NOT EDIT the copy.
//!
//! Usage: `runner <endpoint-url> <scratch-dir>` (the harness passes a scratch folder to every
//! runner; this one writes no file). Runs one scenario against a fresh moto through the typed API
//! and prints `ok <step>` for each step that held; at the first that does not, prints why on
//! stderr and exits 1. What goes out: URI labels, query parameters (the group filter, page size
//! and token, the idempotency token of a delete), JSON bodies with nested structures, enums and
//! epoch-seconds timestamps. What comes back: the same in JSON bodies, modeled errors, pages.
use client::operation::create_schedule::{CreateScheduleError, CreateScheduleInput};
use client::operation::create_schedule_group::CreateScheduleGroupInput;
use client::operation::delete_schedule::DeleteScheduleInput;
use client::operation::get_schedule::{GetScheduleError, GetScheduleInput, GetScheduleOutput};
use client::operation::list_schedules::ListSchedulesInput;
use client::primitives::DateTime;
use client::types::{
    FlexibleTimeWindow, FlexibleTimeWindowMode, RetryPolicy, ScheduleState, ScheduleSummary, Target,
};
use client::{Client, Credentials};
use std::process::ExitCode;
use steps::{check_eq, expect_error, failed, step, Outcome, ACCOUNT, REGION};

mod steps;

/// The group the scenario's schedules live in.
const GROUP: &str = "moto-rest-json";
/// The schedules listed page by page.
const NAMES: [&str; 3] = ["nightly-0", "nightly-1", "nightly-2"];
/// A schedule in the default group, which listing `GROUP` must leave out.
const OUTSIDE: &str = "elsewhere";
const EXPRESSION: &str = "rate(5 minutes)";
const TARGET_ARN: &str = "arn:aws:sqs:us-east-1:123456789012:moto-rest-json";
const ROLE_ARN: &str = "arn:aws:iam::123456789012:role/moto-rest-json";
/// 2030-01-02T03:04:05Z, sent and read back as epoch seconds.
const START: i64 = 1_893_553_445;

fn main() -> ExitCode {
    steps::main(|endpoint, _scratch| {
        // Moto checks no signature unless told to; any key does.
        let key = Credentials::new("AKIDMOTORESTJSON", "moto-rest-json-secret", None);
        Ok(scenario(steps::client(&endpoint, key)))
    })
}

/// The steps in order; each needs the state the ones before it left.
async fn scenario(client: Client) -> Outcome {
    let client = &client;
    step("create_schedule_group", create_group(client).await)?;
    step("create_schedules", create_schedules(client).await)?;
    step("get_schedule_round_trip", get_round_trip(client).await)?;
    step("get_missing_is_typed", get_missing(client).await)?;
    step("create_conflict_is_typed", create_conflict(client).await)?;
    step("paginator_pages", paginate_pages(client).await)?;
    step("paginator_items", paginate_items(client).await)?;
    step("delete_schedule", delete(client).await)?;
    Ok(())
}

async fn create_group(client: &Client) -> Outcome {
    let output = client
        .create_schedule_group(CreateScheduleGroupInput::new(GROUP))
        .await
        .map_err(|e| failed("CreateScheduleGroup", e))?;
    let want = format!("arn:aws:scheduler:{REGION}:{ACCOUNT}:schedule-group/{GROUP}");
    check_eq("group ARN", output.schedule_group_arn(), &want)
}

/// Everything the scenario sets on a schedule, so that reading it back can compare each part.
fn full_schedule(name: &str) -> CreateScheduleInput {
    let target = Target::new(TARGET_ARN, ROLE_ARN)
        .with_input(format!("{{\"schedule\":\"{name}\"}}"))
        .with_retry_policy(RetryPolicy::new().with_maximum_retry_attempts(3));
    let window = FlexibleTimeWindow::new(FlexibleTimeWindowMode::Flexible)
        .with_maximum_window_in_minutes(10);
    CreateScheduleInput::new(name, EXPRESSION, target, window)
        .with_group_name(GROUP)
        .with_description(format!("{name} of the moto-rest-json scenario"))
        .with_state(ScheduleState::Disabled)
        .with_start_date(DateTime::from_secs(START))
}

async fn create_schedules(client: &Client) -> Outcome {
    for name in NAMES {
        let output = client
            .create_schedule(full_schedule(name))
            .await
            .map_err(|e| failed("CreateSchedule", e))?;
        let want = format!("arn:aws:scheduler:{REGION}:{ACCOUNT}:schedule/{GROUP}/{name}");
        check_eq("schedule ARN", output.schedule_arn(), &want)?;
    }
    let outside = CreateScheduleInput::new(
        OUTSIDE,
        EXPRESSION,
        Target::new(TARGET_ARN, ROLE_ARN),
        FlexibleTimeWindow::new(FlexibleTimeWindowMode::Off),
    );
    let output = client
        .create_schedule(outside)
        .await
        .map_err(|e| failed("CreateSchedule (default group)", e))?;
    let want = format!("arn:aws:scheduler:{REGION}:{ACCOUNT}:schedule/default/{OUTSIDE}");
    check_eq("schedule ARN", output.schedule_arn(), &want)
}

/// Reads a schedule back from its group (a query parameter: without it moto looks in the
/// default group and finds nothing) and compares every part it was created with.
async fn get_round_trip(client: &Client) -> Outcome {
    let name = NAMES[1];
    let output = client
        .get_schedule(GetScheduleInput::new(name).with_group_name(GROUP))
        .await
        .map_err(|e| failed("GetSchedule", e))?;
    let sent = full_schedule(name);
    let want_arn = format!("arn:aws:scheduler:{REGION}:{ACCOUNT}:schedule/{GROUP}/{name}");
    check_eq("Arn", &output.arn(), &Some(want_arn.as_str()))?;
    check_eq("Name", &output.name(), &Some(name))?;
    check_eq("GroupName", &output.group_name(), &Some(GROUP))?;
    check_eq(
        "ScheduleExpression",
        &output.schedule_expression(),
        &Some(EXPRESSION),
    )?;
    check_eq("Description", &output.description(), &sent.description())?;
    check_eq("State", &output.state(), &Some(&ScheduleState::Disabled))?;
    check_eq(
        "StartDate",
        &output.start_date(),
        &Some(DateTime::from_secs(START)),
    )?;
    check_eq("EndDate", &output.end_date(), &None)?;
    check_eq("Target", &output.target(), &Some(sent.target()))?;
    check_eq(
        "FlexibleTimeWindow",
        &output.flexible_time_window(),
        &Some(sent.flexible_time_window()),
    )?;
    check_dates(&output)
}

/// Moto stamps creation and modification with its clock, as fractional epoch seconds.
fn check_dates(output: &GetScheduleOutput) -> Outcome {
    let created = output.creation_date().ok_or("no CreationDate")?;
    let modified = output
        .last_modification_date()
        .ok_or("no LastModificationDate")?;
    let now = DateTime::now().secs();
    if (created.secs() - now).abs() > 600 {
        return Err(format!("CreationDate {created:?} is not about now ({now})"));
    }
    check_eq("LastModificationDate", &modified, &created)
}

async fn get_missing(client: &Client) -> Outcome {
    let input = GetScheduleInput::new("absent").with_group_name(GROUP);
    let missing = client.get_schedule(input).await;
    let error = expect_error("GetSchedule of a missing schedule", missing)?;
    check_eq("HTTP status", &error.http_status(), &Some(404))?;
    check_eq("code", &error.code(), &Some("ResourceNotFoundException"))?;
    match error.as_service_error() {
        Some(GetScheduleError::ResourceNotFoundException(e)) => check_eq(
            "message",
            &e.message(),
            &Some("Schedule absent does not exist."),
        ),
        _ => Err(format!(
            "not GetScheduleError::ResourceNotFoundException: {error:?}"
        )),
    }
}

async fn create_conflict(client: &Client) -> Outcome {
    let name = NAMES[0];
    let again = client.create_schedule(full_schedule(name)).await;
    let error = expect_error(&format!("creating {name} twice"), again)?;
    // AWS answers 409; moto 5.2.5 answers 400, so the status is not checked.
    check_eq("code", &error.code(), &Some("ConflictException"))?;
    match error.as_service_error() {
        Some(CreateScheduleError::ConflictException(e)) => check_eq(
            "message",
            &e.message(),
            &Some(format!("Schedule {name} already exists.").as_str()),
        ),
        _ => Err(format!(
            "not CreateScheduleError::ConflictException: {error:?}"
        )),
    }
}

fn group_listing() -> ListSchedulesInput {
    ListSchedulesInput::new().with_group_name(GROUP)
}

/// One schedule per page: three pages, a token after each but the last, each name once.
async fn paginate_pages(client: &Client) -> Outcome {
    // Bounded: a paginator that never ends fails here instead of hanging the test.
    let mut pages = client
        .list_schedules_paginator(group_listing())
        .page_size(1)
        .max_pages(NAMES.len() + 2);
    let mut names = Vec::new();
    let mut tokens = Vec::new();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| failed("ListSchedules", e))?;
        check_eq("schedules on a page", &page.schedules().len(), &1)?;
        names.extend(
            sorted_names(page.schedules())?
                .into_iter()
                .map(String::from),
        );
        tokens.push(page.next_token().is_some());
    }
    check_eq(
        "NextToken present on each page",
        &tokens,
        &vec![true, true, false],
    )?;
    names.sort();
    check_eq(
        "names over all pages",
        &names,
        &NAMES.map(String::from).to_vec(),
    )
}

async fn paginate_items(client: &Client) -> Outcome {
    let items = client
        .list_schedules_paginator(group_listing())
        .page_size(1)
        .max_pages(NAMES.len() + 2)
        .items()
        .try_collect()
        .await
        .map_err(|e| failed("ListSchedules", e))?;
    let names = sorted_names(&items)?;
    check_eq("names over all items", &names, &NAMES.to_vec())?;
    for item in &items {
        check_eq("GroupName", &item.group_name(), &Some(GROUP))?;
        check_eq("State", &item.state(), &Some(&ScheduleState::Disabled))?;
    }
    Ok(())
}

/// The summaries' names, sorted (moto lists in no set order).
fn sorted_names(items: &[ScheduleSummary]) -> Result<Vec<&str>, String> {
    let mut names = items
        .iter()
        .map(|s| {
            s.name()
                .ok_or_else(|| format!("a summary without a name: {s:?}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    names.sort();
    Ok(names)
}

/// Deletes one schedule (DELETE with a label and two query parameters, an empty answer); it is
/// gone from reads and listings after.
async fn delete(client: &Client) -> Outcome {
    let name = NAMES[1];
    client
        .delete_schedule(DeleteScheduleInput::new(name).with_group_name(GROUP))
        .await
        .map_err(|e| failed("DeleteSchedule", e))?;
    let read = client
        .get_schedule(GetScheduleInput::new(name).with_group_name(GROUP))
        .await;
    match read.as_ref().map_err(|e| e.as_service_error()) {
        Err(Some(GetScheduleError::ResourceNotFoundException(_))) => {}
        _ => {
            return Err(format!(
                "GetSchedule after DeleteSchedule answered {read:?}"
            ))
        }
    }
    let items = client
        .list_schedules_paginator(group_listing())
        .items()
        .try_collect()
        .await
        .map_err(|e| failed("ListSchedules", e))?;
    let names = sorted_names(&items)?;
    check_eq("names after the delete", &names, &vec![NAMES[0], NAMES[2]])
}

//! The paginator's walk, against a scripted fake operation: which inputs it sends, when it
//! stops, and what it yields.
use runtime::error::Error;
use runtime::operation::ResponseMetadata;
use runtime::paginator::{PageFuture, PageSize, Paginated, PaginatedItems, Paginator};
use std::collections::{HashMap, VecDeque};
use std::pin::Pin;
use std::sync::{Arc, Mutex};

/// The fake operation's input: a filter the walk must keep, a page size and a token.
#[derive(Debug, Clone, PartialEq)]
struct ListInput {
    filter: String,
    limit: Option<i32>,
    token: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
struct ListOutput {
    items: Option<Vec<u32>>,
    next: Option<String>,
    metadata: ResponseMetadata,
}

#[derive(Debug, PartialEq)]
struct ListError(&'static str);

/// One answer of the fake service.
type Answer = Result<ListOutput, Error<ListError>>;

/// What the fake service answers, in order; and every input it was sent.
#[derive(Clone, Default)]
struct FakeClient {
    answers: Arc<Mutex<VecDeque<Answer>>>,
    sent: Arc<Mutex<Vec<ListInput>>>,
}

impl FakeClient {
    fn new(answers: Vec<Answer>) -> Self {
        Self {
            answers: Arc::new(Mutex::new(answers.into())),
            sent: Arc::default(),
        }
    }
    fn sent(&self) -> Vec<ListInput> {
        self.sent.lock().unwrap().clone()
    }
}

impl Paginated for ListInput {
    type Client = FakeClient;
    type Output = ListOutput;
    type Error = ListError;
    type Token = String;
    fn send(client: &FakeClient, input: Self) -> PageFuture<Self> {
        let client = client.clone();
        Box::pin(async move {
            // Answer on a later poll, as a real call does.
            tokio::task::yield_now().await;
            client.sent.lock().unwrap().push(input);
            let answer = client.answers.lock().unwrap().pop_front();
            answer.expect("the walk asked for more pages than the service has")
        })
    }
    fn token(&self) -> Option<&String> {
        self.token.as_ref()
    }
    fn set_token(&mut self, token: Option<String>) {
        self.token = token;
    }
    fn next_token(output: &ListOutput) -> Option<&String> {
        output.next.as_ref()
    }
    fn metadata(output: &ListOutput) -> &ResponseMetadata {
        &output.metadata
    }
}

impl PageSize for ListInput {
    type Size = i32;
    fn set_page_size(&mut self, size: i32) {
        self.limit = Some(size);
    }
}

impl PaginatedItems for ListInput {
    type Items = Vec<u32>;
    fn items(output: ListOutput) -> Vec<u32> {
        output.items.unwrap_or_default()
    }
}

fn page(items: &[u32], next: Option<&str>) -> Answer {
    Ok(ListOutput {
        items: Some(items.to_vec()),
        next: next.map(str::to_string),
        metadata: ResponseMetadata {
            status: 200,
            request_id: Some(format!("req-{items:?}")),
            headers: http::HeaderMap::new(),
        },
    })
}

fn input() -> ListInput {
    ListInput {
        filter: "name ^= \"a\"".into(),
        limit: None,
        token: None,
    }
}

fn tokens(sent: &[ListInput]) -> Vec<Option<&str>> {
    sent.iter().map(|i| i.token.as_deref()).collect()
}

#[tokio::test]
async fn walks_every_page_resending_the_input_with_only_the_token_changed() {
    let client = FakeClient::new(vec![
        page(&[1, 2], Some("t1")),
        page(&[], Some("t2")),
        page(&[3], None),
    ]);
    let pages = Paginator::new(client.clone(), input())
        .page_size(2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        pages.len(),
        3,
        "an empty page with a token does not end the walk"
    );
    let sent = client.sent();
    assert_eq!(tokens(&sent), [None, Some("t1"), Some("t2")]);
    for request in &sent {
        assert_eq!(request.filter, input().filter);
        assert_eq!(request.limit, Some(2));
    }
}

#[tokio::test]
async fn items_flatten_the_pages() {
    let client = FakeClient::new(vec![
        page(&[1, 2], Some("t1")),
        page(&[], Some("t2")),
        page(&[3], None),
    ]);
    let items = Paginator::new(client.clone(), input())
        .items()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, [1, 2, 3]);
    assert_eq!(client.sent().len(), 3);
}

#[tokio::test]
async fn an_empty_token_ends_the_walk() {
    let client = FakeClient::new(vec![page(&[1], Some(""))]);
    let pages = Paginator::new(client.clone(), input()).try_collect().await;
    assert_eq!(pages.unwrap().len(), 1);
    assert_eq!(client.sent().len(), 1);
}

#[tokio::test]
async fn a_repeated_token_yields_the_page_then_an_error_and_stops() {
    let client = FakeClient::new(vec![page(&[1], Some("t1")), page(&[2], Some("t1"))]);
    let mut pages = Paginator::new(client.clone(), input());
    assert!(pages.next().await.unwrap().is_ok());
    let second = pages.next().await.unwrap().unwrap();
    assert_eq!(second.items, Some(vec![2]));
    match pages.next().await {
        Some(Err(Error::Response(error))) => {
            assert_eq!(error.status, 200);
            assert_eq!(error.request_id.as_deref(), Some("req-[2]"));
            assert!(error.message.contains("token"), "{}", error.message);
        }
        other => panic!("expected the repeated-token error, got {other:?}"),
    }
    assert!(pages.next().await.is_none());
    assert_eq!(tokens(&client.sent()), [None, Some("t1")]);
}

#[tokio::test]
async fn a_token_the_caller_gave_that_comes_back_is_an_error() {
    let client = FakeClient::new(vec![page(&[1], Some("start"))]);
    let start = ListInput {
        token: Some("start".into()),
        ..input()
    };
    let result = Paginator::new(client.clone(), start).try_collect().await;
    assert!(matches!(result, Err(Error::Response { .. })), "{result:?}");
    assert_eq!(tokens(&client.sent()), [Some("start")]);
}

#[tokio::test]
async fn an_error_is_an_item_and_ends_the_walk() {
    let client = FakeClient::new(vec![
        page(&[1], Some("t1")),
        Err(Error::Service(ListError("throttled"))),
        page(&[2], None),
    ]);
    let mut items = Paginator::new(client.clone(), input()).items();
    assert_eq!(items.next().await.unwrap().unwrap(), 1);
    match items.next().await {
        Some(Err(Error::Service(ListError("throttled")))) => {}
        other => panic!("expected the service error, got {other:?}"),
    }
    assert!(items.next().await.is_none());
    assert_eq!(client.sent().len(), 2, "nothing is sent after an error");
}

#[tokio::test]
async fn max_items_stops_without_asking_for_another_page() {
    let client = FakeClient::new(vec![page(&[1, 2], Some("t1")), page(&[3, 4], Some("t2"))]);
    let items = Paginator::new(client.clone(), input())
        .items()
        .max_items(3)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, [1, 2, 3]);
    assert_eq!(client.sent().len(), 2);
    let client = FakeClient::new(vec![page(&[1, 2], Some("t1"))]);
    let items = Paginator::new(client.clone(), input())
        .items()
        .max_items(2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(items, [1, 2]);
    assert_eq!(client.sent().len(), 1);
}

#[tokio::test]
async fn max_pages_stops_without_asking_for_another_page() {
    let client = FakeClient::new(vec![page(&[1], Some("t1")), page(&[2], Some("t2"))]);
    let pages = Paginator::new(client.clone(), input())
        .max_pages(2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(client.sent().len(), 2);
}

#[tokio::test]
async fn the_paginator_is_a_stream() {
    use futures_core::Stream;
    let client = FakeClient::new(vec![page(&[1], Some("t1")), page(&[2], None)]);
    let mut items = Paginator::new(client, input()).items();
    let mut seen = Vec::new();
    while let Some(item) = std::future::poll_fn(|cx| Pin::new(&mut items).poll_next(cx)).await {
        seen.push(item.unwrap());
    }
    assert_eq!(seen, [1, 2]);
    fn assert_send<T: Send + 'static>(_: &T) {}
    assert_send(&items);
}

#[test]
fn empty_tokens_mean_no_more_pages() {
    use runtime::paginator::PageToken;
    assert!(PageToken::is_empty(&HashMap::<String, u8>::new()));
    assert!(!PageToken::is_empty(&HashMap::from([(
        "k".to_string(),
        1u8
    )])));
    assert!(PageToken::is_empty(&String::new()));
    assert!(!PageToken::is_empty(&"t".to_string()));
}

//! Paginators: every page, or every item, of a `@paginated` operation as an async stream.
//!
//! The generated code implements [`Paginated`] (and [`PageSize`], [`PaginatedItems`] where the
//! model names a page size or items) on each paginated operation's input, one line per fact of
//! the model; how pages are walked is decided once, here:
//!
//! - every page sends the caller's input again, only the token changed;
//! - the walk ends when a page has no token (or an empty one), never because a page is empty;
//! - a page whose token is the one just sent is yielded, then an error ends the walk (a server
//!   repeating itself would otherwise loop forever);
//! - a failed call is yielded as an error and ends the walk.
use super::error::{Error, ResponseError};
use super::operation::ResponseMetadata;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The call for one page, in flight.
pub type PageFuture<I> = Pin<Box<dyn Future<Output = PageResult<I>> + Send>>;

/// One page or why the walk ended.
pub type PageResult<I> = Result<<I as Paginated>::Output, Error<<I as Paginated>::Error>>;

/// A paginated operation, implemented on its input.
pub trait Paginated: Clone + Send + 'static {
    /// The client that sends it.
    type Client: Clone + Send + Sync + 'static;
    /// The operation's output: one page.
    type Output: Send + 'static;
    /// The operation's error enum.
    type Error: Send + 'static;
    /// The continuation token's type (a string; a map for a few services).
    type Token: PageToken;
    /// Sends `input` for one page.
    fn send(client: &Self::Client, input: Self) -> PageFuture<Self>;
    /// The token this input carries.
    fn token(&self) -> Option<&Self::Token>;
    /// Sets the token for the next page.
    fn set_token(&mut self, token: Option<Self::Token>);
    /// The token a page hands back for the next one.
    fn next_token(output: &Self::Output) -> Option<&Self::Token>;
    /// The page's status and request id, named in the error for a repeated token.
    fn metadata(output: &Self::Output) -> &ResponseMetadata;
}

/// A paginated operation whose model names a page-size input member.
pub trait PageSize: Paginated {
    /// The member's type.
    type Size;
    /// Asks for at most `size` results per page.
    fn set_page_size(&mut self, size: Self::Size);
}

/// A paginated operation whose model names the output member holding the items.
pub trait PaginatedItems: Paginated {
    /// The items of one page: a list, or a map whose items are its entries.
    type Items: IntoIterator<IntoIter: Send> + Send;
    /// Takes the items out of a page.
    fn items(output: Self::Output) -> Self::Items;
}

/// A continuation token.
pub trait PageToken: Clone + PartialEq + Send + 'static {
    /// True for a token that is present but says "no more pages" (empty).
    fn is_empty(&self) -> bool;
}

impl PageToken for String {
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }
}

impl<V: Clone + PartialEq + Send + 'static> PageToken for std::collections::HashMap<String, V> {
    fn is_empty(&self) -> bool {
        std::collections::HashMap::is_empty(self)
    }
}

enum State<I: Paginated> {
    /// The next call has not started.
    Idle,
    /// A call is in flight with the token it sent.
    InFlight(PageFuture<I>, Option<I::Token>),
    /// The last page repeated the token it was sent: this error comes next.
    Failing(Error<I::Error>),
    /// Nothing more comes.
    Done,
}

/// Every page of a paginated operation. Use [`Paginator::next`] in a loop, [`Paginator::try_collect`],
/// or any `futures` stream combinator (it is a `futures_core::Stream`).
pub struct Paginator<I: Paginated> {
    client: I::Client,
    input: I,
    state: State<I>,
    pages_left: Option<usize>,
}

// Sound: no field is structurally pinned; the in-flight future is boxed.
impl<I: Paginated> Unpin for Paginator<I> {}

impl<I: Paginated> fmt::Debug for Paginator<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match self.state {
            State::Idle => "idle",
            State::InFlight(..) => "in flight",
            State::Failing(_) => "failing",
            State::Done => "done",
        };
        f.debug_struct("Paginator")
            .field("state", &state)
            .field("pages_left", &self.pages_left)
            .finish_non_exhaustive()
    }
}

impl<I: Paginated> Paginator<I> {
    /// A paginator starting at `input`'s token (usually none: the first page).
    pub fn new(client: I::Client, input: I) -> Self {
        Self {
            client,
            input,
            state: State::Idle,
            pages_left: None,
        }
    }

    /// Asks the service for at most `size` results per page (the model's page-size member).
    pub fn page_size(mut self, size: I::Size) -> Self
    where
        I: PageSize,
    {
        self.input.set_page_size(size);
        self
    }

    /// Stops after `pages` pages, sending no further request.
    pub fn max_pages(mut self, pages: usize) -> Self {
        self.pages_left = Some(pages);
        self
    }

    /// The items of every page, one by one.
    pub fn items(self) -> Items<I>
    where
        I: PaginatedItems,
    {
        Items {
            pages: self,
            current: None,
            items_left: None,
        }
    }

    /// The next page; `None` once the last page was yielded or after an error.
    pub async fn next(&mut self) -> Option<PageResult<I>> {
        std::future::poll_fn(|cx| self.poll_page(cx)).await
    }

    /// Every remaining page, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<I::Output>, Error<I::Error>> {
        let mut pages = Vec::new();
        while let Some(page) = self.next().await {
            pages.push(page?);
        }
        Ok(pages)
    }

    fn poll_page(&mut self, cx: &mut Context<'_>) -> Poll<Option<PageResult<I>>> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Poll::Ready(None),
                State::Failing(error) => return Poll::Ready(Some(Err(error))),
                State::Idle => {
                    if self.pages_left == Some(0) {
                        return Poll::Ready(None);
                    }
                    self.pages_left = self.pages_left.map(|n| n - 1);
                    let sent = self.input.token().cloned();
                    let call = I::send(&self.client, self.input.clone());
                    self.state = State::InFlight(call, sent);
                }
                State::InFlight(mut call, sent) => {
                    let page = match call.as_mut().poll(cx) {
                        Poll::Pending => {
                            self.state = State::InFlight(call, sent);
                            return Poll::Pending;
                        }
                        Poll::Ready(Err(error)) => return Poll::Ready(Some(Err(error))),
                        Poll::Ready(Ok(page)) => page,
                    };
                    self.state = self.after(&page, sent);
                    return Poll::Ready(Some(Ok(page)));
                }
            }
        }
    }

    /// What follows a page: the next call, the end, or the repeated-token error.
    fn after(&mut self, page: &I::Output, sent: Option<I::Token>) -> State<I> {
        match I::next_token(page) {
            None => State::Done,
            Some(token) if token.is_empty() => State::Done,
            Some(token) if Some(token) == sent.as_ref() => {
                let metadata = I::metadata(page);
                State::Failing(Error::Response(ResponseError::new(
                    metadata.status,
                    metadata.request_id.clone(),
                    "the service returned the pagination token it was just sent; \
                     stopping rather than asking for the same page forever",
                )))
            }
            Some(token) => {
                self.input.set_token(Some(token.clone()));
                State::Idle
            }
        }
    }
}

impl<I: Paginated> futures_core::Stream for Paginator<I> {
    type Item = PageResult<I>;
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_page(cx)
    }
}

/// The item type of a paginated operation.
pub type ItemOf<I> = <<I as PaginatedItems>::Items as IntoIterator>::Item;
/// One item or why the walk ended.
pub type ItemResult<I> = Result<ItemOf<I>, Error<<I as Paginated>::Error>>;
type ItemIter<I> = <<I as PaginatedItems>::Items as IntoIterator>::IntoIter;

/// Every item of every page, from [`Paginator::items`]. Use [`Items::next`] in a loop,
/// [`Items::try_collect`], or any `futures` stream combinator.
pub struct Items<I: PaginatedItems> {
    pages: Paginator<I>,
    current: Option<ItemIter<I>>,
    items_left: Option<usize>,
}

// Sound: no field is structurally pinned.
impl<I: PaginatedItems> Unpin for Items<I> {}

impl<I: PaginatedItems> fmt::Debug for Items<I> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .field("items_left", &self.items_left)
            .finish_non_exhaustive()
    }
}

impl<I: PaginatedItems> Items<I> {
    /// Stops after `items` items, requesting no page beyond the one that holds the last.
    pub fn max_items(mut self, items: usize) -> Self {
        self.items_left = Some(items);
        self
    }

    /// The next item; `None` at the end or after an error.
    pub async fn next(&mut self) -> Option<ItemResult<I>> {
        std::future::poll_fn(|cx| self.poll_item(cx)).await
    }

    /// Every remaining item, or the first error.
    pub async fn try_collect(mut self) -> Result<Vec<ItemOf<I>>, Error<I::Error>> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }

    fn poll_item(&mut self, cx: &mut Context<'_>) -> Poll<Option<ItemResult<I>>> {
        loop {
            if self.items_left == Some(0) {
                return Poll::Ready(None);
            }
            if let Some(item) = self.current.as_mut().and_then(Iterator::next) {
                self.items_left = self.items_left.map(|n| n - 1);
                return Poll::Ready(Some(Ok(item)));
            }
            match self.pages.poll_page(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(Some(Ok(page))) => self.current = Some(I::items(page).into_iter()),
            }
        }
    }
}

impl<I: PaginatedItems> futures_core::Stream for Items<I> {
    type Item = ItemResult<I>;
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.get_mut().poll_item(cx)
    }
}

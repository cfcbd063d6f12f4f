//! What every page shares: the layout's data, rendering with the security headers, and the
//! error pages (404, 403, 500) in HTML.

use askama::Template;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::assets;
use super::session::Viewer;
use crate::api::ApiError;

/// The sections of the top bar; the current one is marked for screen readers and styled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Section {
    Home,
    Parts,
    Stock,
    Locations,
    Manufacturing,
    Purchasing,
    Sales,
    Settings,
    None,
}

/// What the layout template shows around every page.
#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub title: String,
    pub section: Section,
    /// The signed-in user's name; `None` on the sign-in and anonymous error pages.
    pub user: Option<String>,
    /// The session's CSRF token, for the sign-out form.
    pub csrf: String,
    pub css: &'static str,
}

impl Layout {
    pub(crate) fn new(
        viewer: Option<&Viewer>,
        title: impl Into<String>,
        section: Section,
    ) -> Layout {
        Layout {
            title: title.into(),
            section,
            user: viewer.map(|v| v.auth.user.username.clone()),
            csrf: viewer.map(|v| v.csrf.clone()).unwrap_or_default(),
            css: assets::css_url(),
        }
    }

    /// `aria-current` for the top bar link of the section called `name`.
    pub(crate) fn current(&self, name: &str) -> &'static str {
        let section = match name {
            "home" => Section::Home,
            "parts" => Section::Parts,
            "stock" => Section::Stock,
            "locations" => Section::Locations,
            "manufacturing" => Section::Manufacturing,
            "purchasing" => Section::Purchasing,
            "sales" => Section::Sales,
            "settings" => Section::Settings,
            _ => Section::None,
        };
        if section != Section::None && self.section == section {
            "page"
        } else {
            "false"
        }
    }
}

/// Headers every HTML page carries: no framing, no foreign scripts or styles, and no caching
/// (pages embed the session's CSRF token).
fn secure(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A rendered page with its status.
pub(crate) fn html(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(body) => secure(
            (
                status,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                body,
            )
                .into_response(),
        ),
        Err(error) => {
            tracing::error!(%error, "page template failed");
            plain_error()
        }
    }
}

fn plain_error() -> Response {
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "Server error",
    )
        .into_response()
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    layout: Layout,
    heading: &'static str,
    message: String,
}

/// A page that could not be shown: an HTML error page, or a redirect (to sign in).
#[derive(Debug)]
pub(crate) enum WebError {
    Page {
        status: StatusCode,
        layout: Box<Layout>,
        message: String,
    },
    Redirect(String),
}

impl WebError {
    /// 404 for a missing `model` (InvenTree's model name, as in the API's message).
    pub(crate) fn missing(viewer: &Viewer, model: &str) -> WebError {
        WebError::Page {
            status: StatusCode::NOT_FOUND,
            layout: Box::new(Layout::new(Some(viewer), "Not found", Section::None)),
            message: format!("No {model} matches the given query."),
        }
    }

    pub(crate) fn forbidden(viewer: &Viewer) -> WebError {
        WebError::Page {
            status: StatusCode::FORBIDDEN,
            layout: Box::new(Layout::new(
                Some(viewer),
                "Permission denied",
                Section::None,
            )),
            message: "You do not have permission to perform this action.".into(),
        }
    }

    pub(crate) fn internal(viewer: Option<&Viewer>, cause: impl std::fmt::Display) -> WebError {
        tracing::error!(%cause, "web page failed");
        WebError::Page {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            layout: Box::new(Layout::new(viewer, "Server error", Section::None)),
            message: "Something went wrong on the server. The error has been logged.".into(),
        }
    }

    /// A store error while showing a page for `viewer`: missing objects become 404.
    pub(crate) fn from_api(viewer: &Viewer, model: &str, error: ApiError) -> WebError {
        match error {
            ApiError::NotFound(_) => WebError::missing(viewer, model),
            other => WebError::internal(Some(viewer), format!("{other:?}")),
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self {
            WebError::Redirect(to) => see_other(&to),
            WebError::Page {
                status,
                layout,
                message,
            } => {
                let heading = match status {
                    StatusCode::NOT_FOUND => "Not found",
                    StatusCode::FORBIDDEN => "Permission denied",
                    _ => "Server error",
                };
                html(
                    status,
                    &ErrorPage {
                        layout: *layout,
                        heading,
                        message,
                    },
                )
            }
        }
    }
}

/// 303 See Other: after a form post, the browser fetches `to` with GET.
pub(crate) fn see_other(to: &str) -> Response {
    match HeaderValue::from_str(to) {
        Ok(location) => {
            let mut response = StatusCode::SEE_OTHER.into_response();
            response.headers_mut().insert(header::LOCATION, location);
            response
        }
        Err(_) => plain_error(),
    }
}

/// Any other path under `/web/`: the HTML 404 page.
pub(crate) async fn not_found(viewer: Option<Viewer>) -> Response {
    WebError::Page {
        status: StatusCode::NOT_FOUND,
        layout: Box::new(Layout::new(viewer.as_ref(), "Not found", Section::None)),
        message: "There is no page at this address.".into(),
    }
    .into_response()
}

/// A primary key from the path; anything else names no object.
pub(crate) fn pk(viewer: &Viewer, text: &str, model: &str) -> Result<i64, WebError> {
    text.parse::<i64>()
        .ok()
        .filter(|pk| *pk > 0)
        .ok_or_else(|| WebError::missing(viewer, model))
}

/// Percent-encodes query parameters into `path?k=v&...`, leaving out empty values.
pub(crate) fn with_query(path: &str, params: &[(&str, String)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    let mut any = false;
    for (key, value) in params {
        if !value.is_empty() {
            query.append_pair(key, value);
            any = true;
        }
    }
    if any {
        format!("{path}?{}", query.finish())
    } else {
        path.to_owned()
    }
}

/// Links to the pages of a paginated list.
#[derive(Debug, Clone, Default)]
pub(crate) struct Pager {
    pub page: i64,
    pub pages: i64,
    pub count: i64,
    pub first_row: i64,
    pub last_row: i64,
    pub previous: Option<String>,
    pub next: Option<String>,
}

/// Rows per list page.
pub(crate) const PAGE_SIZE: i64 = 50;

impl Pager {
    /// The pager of page `page` (1-based) of `count` rows; `link` builds a page's URL.
    pub(crate) fn new(page: i64, count: i64, link: impl Fn(i64) -> String) -> Pager {
        let pages = ((count + PAGE_SIZE - 1) / PAGE_SIZE).max(1);
        let first_row = if count == 0 {
            0
        } else {
            (page - 1) * PAGE_SIZE + 1
        };
        Pager {
            page,
            pages,
            count,
            first_row,
            last_row: (page * PAGE_SIZE).min(count),
            previous: (page > 1).then(|| link(page - 1)),
            next: (page < pages).then(|| link(page + 1)),
        }
    }
}

/// The 1-based page number asked for: anything unreadable is the first page.
pub(crate) fn page_number(text: Option<&str>) -> i64 {
    text.and_then(|t| t.trim().parse::<i64>().ok())
        .filter(|p| (1..=1_000_000).contains(p))
        .unwrap_or(1)
}

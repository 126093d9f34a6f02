//! `confsearch serve`: a page to search the notes in a browser, and the JSON API it calls.
//!
//! A synchronous `tiny_http` server on 127.0.0.1 only, one request at a time (a query takes
//! a few milliseconds; one person is searching). This module owns the loop, the routing and
//! what guards it: the `Host` check (a page elsewhere that rebinds its DNS name to 127.0.0.1
//! would otherwise read the notes through the user's browser), no CORS headers, GET and
//! HEAD only. `api.rs` answers the API with the commands' own JSON printers; `assets/` is the
//! page (plain HTML, CSS and JS, embedded: nothing is fetched from the network). It knows no
//! tantivy: it asks `search::Engine` and the commands.

mod api;

use crate::exit::Exit;
use crate::output::View;
use crate::paths::Locations;
use anyhow::{Result, anyhow};
use std::io::Write;

/// What `serve` was asked for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    /// 0 lets the system pick a free port.
    pub port: u16,
    /// Open the page in the browser once listening.
    pub open: bool,
}

const PAGE: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");

/// The page may load its own script and style and call its own API, nothing else: no inline
/// script, so a note's `<script>` could not run even if it reached the page as markup.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// One response, before it is written.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// `Allow`, on a 405.
    pub allow: Option<&'static str>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            body: body.into(),
            allow: None,
        }
    }

    /// `{"error": message}` with `status`.
    pub(crate) fn error(status: u16, message: &str) -> Reply {
        let mut body = Vec::new();
        // A String always serialises.
        let _ = crate::output::json::write(&mut body, &serde_json::json!({ "error": message }));
        Reply::new(status, JSON, body)
    }
}

const JSON: &str = "application/json; charset=utf-8";

/// Serves until Ctrl-C (the handler `lib.rs` installs exits 130). Prints the address on
/// `out` once listening: a script can read it (`--port 0`).
pub(crate) fn run(
    loc: &Locations,
    opts: Options,
    view: &View,
    out: &mut crate::output::Out,
    err: &mut dyn Write,
) -> Result<Exit> {
    // No index: said now, as `query` says it, rather than on every request.
    let mut index = api::Index::open(&loc.index, view.clone())?;
    let cannot = |e: &dyn std::fmt::Display| {
        anyhow!(
            "cannot listen on 127.0.0.1:{}: {e} (`--port 0` picks a free port)",
            opts.port
        )
    };
    let listener = std::net::TcpListener::bind(("127.0.0.1", opts.port)).map_err(|e| cannot(&e))?;
    // tiny_http writes the headers and then the body: with Nagle's algorithm on, the body
    // waited for the client's delayed ACK of the headers, 40 ms on every answer over 1 KiB.
    // Connections accepted from the listener take its TCP_NODELAY (Linux, the BSDs, macOS).
    rustix::net::sockopt::set_tcp_nodelay(&listener, true).map_err(|e| cannot(&e))?;
    let server = tiny_http::Server::from_listener(listener, None).map_err(|e| cannot(&*e))?;
    let port = server.server_addr().to_ip().map_or(opts.port, |a| a.port());
    let url = format!("http://127.0.0.1:{port}");
    writeln!(out, "{url}")?;
    out.flush()?;
    if opts.open
        && let Err(e) = open_browser(&url)
    {
        writeln!(
            err,
            "confsearch: warning: could not open a browser ({e}): open {url} yourself"
        )?;
    }
    let hosts = [format!("127.0.0.1:{port}"), format!("localhost:{port}")];
    for request in server.incoming_requests() {
        let host = request
            .headers()
            .iter()
            .find(|h| h.field.equiv("Host"))
            .map(|h| h.value.as_str().to_string());
        let reply = respond(&mut index, request.method(), request.url(), host.as_deref(), &hosts);
        // A client that went away is no reason to stop serving the others.
        let _ = request.respond(response(reply));
    }
    Ok(Exit::Found)
}

/// The answer to one request; never panics out (a panic answers 500, the index is opened again).
pub(crate) fn respond(
    index: &mut api::Index,
    method: &tiny_http::Method,
    url: &str,
    host: Option<&str>,
    hosts: &[String],
) -> Reply {
    // Host names are case-insensitive; the port is as we print it.
    if !host.is_some_and(|h| hosts.iter().any(|ok| ok.eq_ignore_ascii_case(h))) {
        return Reply::error(
            403,
            &format!("this server answers only requests for {}", hosts.join(" or ")),
        );
    }
    if !matches!(method, tiny_http::Method::Get | tiny_http::Method::Head) {
        let mut reply = Reply::error(405, "read-only: only GET and HEAD");
        reply.allow = Some("GET, HEAD");
        return reply;
    }
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let params: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let route = || match path {
        "/" | "/index.html" => Reply::new(200, "text/html; charset=utf-8", PAGE),
        "/app.js" => Reply::new(200, "text/javascript; charset=utf-8", SCRIPT),
        "/app.css" => Reply::new(200, "text/css; charset=utf-8", STYLE),
        "/api/search" => api::search(index, &params),
        "/api/facets" => api::facets(index, &params),
        "/api/links" => api::links(index, &params),
        // An id is `path#slug`, its `#` written `%23`: a raw path ending in `/related` is the
        // endpoint, never a session's id.
        _ => match path.strip_prefix("/api/sessions/") {
            Some(id) => match id.strip_suffix("/related") {
                Some(id) => api::related(index, id, &params),
                None => api::session(index, id),
            },
            None if path.starts_with("/api/") => Reply::error(
                404,
                &format!(
                    "no endpoint {path} (endpoints: /api/search, /api/facets, /api/links, /api/sessions/ID, /api/sessions/ID/related)"
                ),
            ),
            None => Reply::new(404, "text/plain; charset=utf-8", format!("no page {path}\n")),
        },
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(route)) {
        Ok(reply) => reply,
        Err(_) => {
            index.forget();
            Reply::error(500, "internal error (see the server's messages)")
        }
    }
}

/// `reply` with the headers every answer carries: no caching, no sniffing, no framing, the
/// content policy; and no `Access-Control-*` header, so other origins cannot read it.
fn response(reply: Reply) -> tiny_http::Response<std::io::Cursor<Vec<u8>>> {
    let header = |k: &str, v: &str| tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).ok();
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    let headers = [
        header("Content-Type", reply.content_type),
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
        header("Referrer-Policy", "no-referrer"),
        header("Content-Security-Policy", CONTENT_SECURITY_POLICY),
        reply.allow.and_then(|a| header("Allow", a)),
    ];
    for h in headers.into_iter().flatten() {
        response.add_header(h);
    }
    response
}

/// Opens `url` in the default browser with the platform's own command, as the `opener` crate
/// does; it is left running on its own.
fn open_browser(url: &str) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    let mut child = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    // Waited for aside (no zombie left), and a failure said as a warning: serving goes on.
    std::thread::spawn(move || {
        if let Ok(status) = child.wait()
            && !status.success()
        {
            eprintln!("confsearch: warning: the browser could not be opened ({status})");
        }
    });
    Ok(())
}

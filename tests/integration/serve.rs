//! `serve`: the JSON API answers as the command line does, refuses what it must, and shows a
//! new commit without a restart. The page itself is driven in Chromium by `tests/browser/`.

use crate::harness::{TestEnv, drain};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::Duration;

/// A note whose title and body carry markup, and one with a title that is not ASCII.
const HOSTILE: &str = "TestConf 2021\n\nOctober 14, 2021\n\
09:00 – 09:30 Eve Maker – <script>document.title='owned'</script> in notes\n\
Escaping <img src=x onerror=alert(1)> matters. https://example.com/xss\n\n\
09:30 – 10:00 Jo Zürcher – Zürich cache invalidation\n\
Caching in Zürich, ünïcode before the match: cache.\n";

/// `confsearch serve --port 0` on `env`, killed when dropped.
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`, as the server printed it.
    host: String,
}

impl Server {
    fn start(env: &TestEnv) -> Server {
        let mut child = env
            .command(&["serve", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start serve");
        let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        stdout.read_line(&mut line).expect("read the address");
        drain(child.stderr.take().expect("stderr"));
        let host = line
            .trim()
            .strip_prefix("http://")
            .unwrap_or_else(|| panic!("serve printed {line:?}, not its address"))
            .to_string();
        assert!(host.starts_with("127.0.0.1:"), "{host}");
        Server { child, host }
    }

    fn port(&self) -> &str {
        self.host.rsplit_once(':').unwrap().1
    }

    /// `GET path` with this server's own Host header.
    fn get(&self, path: &str) -> Reply {
        self.request(&format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.host
        ))
    }

    /// Sends `raw` as it is (a hand-written request: any Host, any method) and reads the reply.
    fn request(&self, raw: &str) -> Reply {
        let mut stream = TcpStream::connect(&self.host).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        stream.write_all(raw.as_bytes()).expect("send");
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read the reply");
        let split = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(&bytes)));
        let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
        let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).expect("a status");
        Reply {
            status,
            head,
            body: bytes[split + 4..].to_vec(),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Reply {
    status: u16,
    /// The status line and headers.
    head: String,
    body: Vec<u8>,
}

impl Reply {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim().to_string())
        })
    }
}

/// The bundled sample corpus and the hostile note, indexed.
fn indexed() -> TestEnv {
    let env = TestEnv::new().bundled_corpus().note("2021/testconf.txt", HOSTILE);
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    env
}

#[test]
fn every_endpoint_prints_what_its_command_prints() {
    let env = indexed();
    let server = Server::start(&env);
    let cases: &[(&str, &[&str])] = &[
        (
            "/api/search?q=secrets+management",
            &["query", "secrets management", "--json"],
        ),
        (
            "/api/search?q=secrets%20management",
            &["query", "secrets", "management", "--json"],
        ),
        ("/api/search", &["query", "--json"]),
        ("/api/search?q=Z%C3%BCrich", &["query", "Zürich", "--json"]),
        (
            "/api/search?q=secrets+-vault&year=2019&year=2017&sort=date&limit=2&offset=1",
            &[
                "query", "secrets", "-vault", "--year", "2019", "--year", "2017", "--sort", "date", "--limit", "2",
                "--offset", "1", "--json",
            ],
        ),
        (
            "/api/search?theme=security&kind=talk&kind=keynote",
            &[
                "query", "--theme", "security", "--kind", "talk", "--kind", "keynote", "--json",
            ],
        ),
        (
            "/api/search?since=2019-10&until=2019-10-17&limit=0",
            &[
                "query",
                "--since",
                "2019-10",
                "--until",
                "2019-10-17",
                "--limit",
                "0",
                "--json",
            ],
        ),
        (
            "/api/search?q=secrts+managment&exact=true",
            &["query", "secrts managment", "--exact", "--json"],
        ),
        ("/api/facets", &["facets", "--json"]),
        (
            "/api/facets?field=speakers&theme=security",
            &["facets", "speakers", "--theme", "security", "--json"],
        ),
        ("/api/links", &["links", "--json"]),
        (
            "/api/links?q=secrets&domain=github.com",
            &["links", "secrets", "--domain", "github.com", "--json"],
        ),
    ];
    for (path, args) in cases {
        let api = server.get(path);
        let cli = env.run(args);
        assert!(cli.code <= 1, "{args:?}: {}", cli.stderr);
        assert_eq!(api.status, 200, "{path}: {}", api.text());
        assert_eq!(
            api.header("Content-Type").as_deref(),
            Some("application/json; charset=utf-8")
        );
        assert_eq!(api.text(), cli.stdout, "{path} is not what {args:?} prints");
    }
    // Every session of a query, by its id: whole, or with its `/` as they are.
    let all = env.run(&["query", "--limit", "100", "--json"]).json();
    let hits = all["hits"].as_array().unwrap();
    assert!(hits.len() > 10, "{}", hits.len());
    for hit in hits {
        let id = hit["id"].as_str().unwrap();
        let cli = env.run(&["show", id, "--json"]);
        assert_eq!(cli.code, 0, "{}", cli.stderr);
        let whole: String = url_encoded(id);
        let api = server.get(&format!("/api/sessions/{whole}"));
        assert_eq!(api.status, 200, "{id}: {}", api.text());
        assert_eq!(api.text(), cli.stdout, "{id}");
        let slashes = whole.replace("%2F", "/");
        assert_eq!(
            server.get(&format!("/api/sessions/{slashes}")).text(),
            cli.stdout,
            "{id}"
        );
    }
}

#[test]
fn related_endpoint_prints_what_related_json_prints() {
    let env = indexed();
    let server = Server::start(&env);
    let all = env.run(&["query", "kubernetes", "--limit", "5", "--json"]).json();
    for hit in all["hits"].as_array().unwrap() {
        let id = hit["id"].as_str().unwrap();
        let cli = env.run(&["related", id, "--json"]);
        assert!(cli.code <= 1, "{}", cli.stderr);
        let api = server.get(&format!("/api/sessions/{}/related", url_encoded(id)));
        assert_eq!(api.status, 200, "{id}: {}", api.text());
        assert_eq!(api.text(), cli.stdout, "{id}");
        let cli = env.run(&["related", id, "--limit", "2", "--json"]);
        let api = server.get(&format!(
            "/api/sessions/{}/related?limit=2",
            url_encoded(id).replace("%2F", "/")
        ));
        assert_eq!(api.text(), cli.stdout, "{id}");
    }
    let unknown = server.get("/api/sessions/2019%2Fnone.md%23x/related");
    assert_eq!(unknown.status, 404);
    let cli = env.run(&["related", "2019/none.md#x"]);
    assert_eq!(
        unknown.json()["error"].as_str().unwrap(),
        cli.stderr.trim().trim_start_matches("confsearch: ")
    );
    let id = url_encoded(all["hits"][0]["id"].as_str().unwrap());
    for bad in ["limit=ten", "colour=red"] {
        let reply = server.get(&format!("/api/sessions/{id}/related?{bad}"));
        assert_eq!(reply.status, 400, "{bad}: {}", reply.text());
        assert!(reply.json()["error"].is_string());
    }
}

/// Every byte but unreserved ones percent-encoded, as `encodeURIComponent` does.
fn url_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn bad_parameters_are_400_with_the_command_lines_message() {
    let env = indexed();
    let server = Server::start(&env);
    let cases: &[(&str, &[&str])] = &[
        (
            "/api/search?since=2020&until=2019",
            &["query", "--since", "2020", "--until", "2019"],
        ),
        ("/api/search?since=2019-02-31", &["query", "--since", "2019-02-31"]),
        ("/api/search?year=twenty", &["query", "--year", "twenty"]),
        ("/api/search?kind=talks", &["query", "--kind", "talks"]),
        ("/api/search?q=%22unclosed+(", &["query", "\"unclosed ("]),
        ("/api/facets?field=colour", &["facets", "colour"]),
        ("/api/links?until=2019-13", &["links", "--until", "2019-13"]),
    ];
    for (path, args) in cases {
        let cli = env.run(args);
        assert_eq!(cli.code, 2, "{args:?} should be refused: {}", cli.stdout);
        let message = cli.stderr.trim().strip_prefix("confsearch: ").expect("a message");
        let api = server.get(path);
        assert_eq!(api.status, 400, "{path}: {}", api.text());
        assert_eq!(api.json(), serde_json::json!({ "error": message }), "{path}");
    }
    // clap's own checks: the same words, on one line, without `error:` and the pointer to --help.
    for (path, args, words) in [
        (
            "/api/search?sort=best",
            ["query", "--sort", "best"],
            "invalid value 'best' for '--sort <SORT>'",
        ),
        (
            "/api/search?limit=ten",
            ["query", "--limit", "ten"],
            "invalid value 'ten' for '--limit <N>'",
        ),
    ] {
        let cli = env.run(&args);
        assert_eq!(cli.code, 2);
        assert!(cli.stderr.contains(words), "{}", cli.stderr);
        let api = server.get(path);
        assert_eq!(api.status, 400);
        let error = api.json()["error"].as_str().unwrap().to_string();
        assert!(error.starts_with(words), "{error}");
        assert!(!error.contains('\n') && !error.contains("--help"), "{error}");
    }
    let unknown = server.get("/api/search?colour=red&q=x");
    assert_eq!(unknown.status, 400);
    assert!(
        unknown.json()["error"]
            .as_str()
            .unwrap()
            .starts_with("unknown parameter `colour`")
    );
}

#[test]
fn unknown_paths_and_sessions_are_404_and_writes_405() {
    let env = indexed();
    let server = Server::start(&env);
    for path in [
        "/api/nope",
        "/api/search/extra",
        "/api/sessions/",
        "/api/sessions/2019%2Fnone.md%23x",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 404, "{path}: {}", reply.text());
        assert!(reply.json()["error"].is_string(), "{path}");
    }
    assert_eq!(server.get("/nope.html").status, 404);
    // A session id that is not UTF-8 once decoded is refused, not a panic.
    assert_eq!(server.get("/api/sessions/%FF%FE").status, 400);
    let post = server.request(&format!(
        "POST /api/search HTTP/1.1\r\nHost: {}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        server.host
    ));
    assert_eq!(post.status, 405);
    assert_eq!(post.header("Allow").as_deref(), Some("GET, HEAD"));
    // Still serving after all that.
    assert_eq!(server.get("/api/search?q=secrets").status, 200);
}

#[test]
fn only_requests_for_this_server_by_its_loopback_names_are_answered() {
    let env = indexed();
    let server = Server::start(&env);
    let port = server.port();
    let other_port: u32 = port.parse::<u32>().unwrap() + 1;
    let ask = |host: Option<&str>| {
        let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
        server.request(&format!(
            "GET /api/search?q=secrets HTTP/1.1\r\n{host}Connection: close\r\n\r\n"
        ))
    };
    // DNS rebinding: a page at attacker.example whose name now points to 127.0.0.1.
    for host in [
        Some(format!("attacker.example:{port}")),
        Some("attacker.example".to_string()),
        Some(format!("127.0.0.1:{other_port}")),
        Some("127.0.0.1".to_string()),
        Some(format!("localhost.attacker.example:{port}")),
        Some(format!("127.0.0.1:{port}.attacker.example")),
        None,
    ] {
        let reply = ask(host.as_deref());
        assert_eq!(reply.status, 403, "{host:?}: {}", reply.text());
        assert!(!reply.text().contains("hits"), "{host:?}");
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
    ] {
        let reply = ask(Some(&host));
        assert_eq!(reply.status, 200, "{host}: {}", reply.text());
        // No CORS: another origin's script cannot read the answer.
        assert!(!reply.head.to_lowercase().contains("access-control"), "{}", reply.head);
    }
}

#[test]
fn a_script_in_a_note_stays_text() {
    let env = indexed();
    let server = Server::start(&env);
    let api = server.get("/api/search?q=script+notes");
    let json = api.json();
    let title = json["hits"][0]["title"].as_str().unwrap();
    assert!(title.contains("<script>"), "{title}");
    // The API is JSON, and says so in a way a browser will not second-guess.
    assert_eq!(api.header("X-Content-Type-Options").as_deref(), Some("nosniff"));
    let page = server.get("/?q=script");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("Content-Type").as_deref(), Some("text/html; charset=utf-8"));
    // The page is the same static text whatever the notes say: they only arrive as JSON.
    assert!(
        !page.text().contains("owned") && !page.text().contains("<script>"),
        "{}",
        page.text()
    );
    let policy = page.header("Content-Security-Policy").expect("a content policy");
    assert!(
        policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"),
        "{policy}"
    );
    // Its script writes notes into the page as text only.
    let script = server.get("/app.js");
    assert_eq!(script.status, 200);
    let script = script.text();
    assert!(script.contains("textContent"));
    for markup in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!script.contains(markup), "app.js uses {markup}");
    }
    // Links open only for http(s): a `javascript:` URL in a note stays text.
    assert!(script.contains("u.protocol === 'http:' || u.protocol === 'https:'"));
}

#[test]
fn a_new_commit_is_served_without_a_restart() {
    let env = indexed();
    let server = Server::start(&env);
    let before = server.get("/api/search?q=quokka");
    assert_eq!(before.json()["total"], 0, "{}", before.text());
    std::fs::write(
        env.corpus().join("2021/quokka.md"),
        "# Quokka-driven development - Ann Lee\n\nSmiling marsupials.\n",
    )
    .unwrap();
    let out = env.run(&["index"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let after = server.get("/api/search?q=quokka");
    assert_eq!(after.text(), env.run(&["query", "quokka", "--json"]).stdout);
    assert_eq!(after.json()["total"], 1, "{}", after.text());
    assert_eq!(
        server.get("/api/facets?field=speaker").text(),
        env.run(&["facets", "speaker", "--json"]).stdout
    );
}

/// `?speaker=Nobody` answered an empty list and nothing else: the warning `query` prints on
/// stderr was dropped, so a page user filtering on a misspelt value never learnt why.
#[test]
fn speaker_nobody_is_warned_of_in_the_json_as_query_says_it() {
    let env = indexed();
    let server = Server::start(&env);
    for (path, args, message) in [
        (
            "/api/search?q=kubernetes&speaker=Nobody",
            &["query", "kubernetes", "--speaker", "Nobody", "--json"][..],
            r#"--speaker "Nobody" matches no session"#,
        ),
        (
            "/api/search?theme=securty",
            &["query", "--theme", "securty", "--json"][..],
            r#"--theme "securty" matches no session; closest: security"#,
        ),
        (
            "/api/search?q=vault&year=1999&tag=vault",
            &["query", "vault", "--year", "1999", "--tag", "vault", "--json"][..],
            r#"--year "1999" matches no session; closest: "#,
        ),
    ] {
        let cli = env.run(args);
        assert!(cli.stderr.contains(message), "{args:?}: {}", cli.stderr);
        let api = server.get(path);
        assert_eq!(api.status, 200, "{path}: {}", api.text());
        assert_eq!(api.text(), cli.stdout, "{path}");
        let warnings = api.json()["warnings"].as_array().unwrap().clone();
        assert_eq!(warnings.len(), 1, "{path}: {warnings:?}");
        let said = warnings[0]["message"].as_str().unwrap();
        assert!(said.starts_with(message), "{said}");
        // The whole line `query` prints on stderr, without its `confsearch: `.
        assert!(cli.stderr.contains(&format!("confsearch: {said}\n")), "{}", cli.stderr);
    }
    let nobody = server.get("/api/search?q=kubernetes&speaker=Nobody").json();
    assert_eq!(nobody["total"], 0);
    assert_eq!(nobody["warnings"][0]["flag"], "--speaker");
    assert_eq!(nobody["warnings"][0]["value"], "Nobody");
    let securty = server.get("/api/search?theme=securty").json();
    assert_eq!(securty["warnings"][0]["closest"], serde_json::json!(["security"]));
    // Nothing to say: no key (every answer without a warning is as it was).
    let fine = server.get("/api/search?q=kubernetes&speaker=Adrian+Mouat").json();
    assert!(fine.get("warnings").is_none(), "{fine}");
}

/// An index another version of confsearch wrote, landing while `serve` runs: the command
/// line's message (run `confsearch index`), as for no index a 503, never a 500.
#[test]
fn an_index_of_another_version_is_503_with_the_command_lines_message() {
    let env = indexed();
    let server = Server::start(&env);
    assert_eq!(server.get("/api/search?q=vault").status, 200);
    std::fs::write(env.index().join("confsearch-schema-version"), "1").unwrap();
    // A new commit: the server opens the index again.
    let meta = env.index().join("meta.json");
    let mut bytes = std::fs::read(&meta).unwrap();
    bytes.push(b'\n');
    std::fs::write(&meta, bytes).unwrap();
    let cli = env.run(&["query", "vault", "--json"]);
    assert_eq!(cli.code, 2, "{}", cli.stdout);
    let message = cli.stderr.trim().strip_prefix("confsearch: ").expect("a message");
    assert!(message.contains("another version of confsearch"), "{message}");
    let api = server.get("/api/search?q=vault");
    assert_eq!(api.status, 503, "{}", api.text());
    assert_eq!(api.json(), serde_json::json!({ "error": message }));
}

#[test]
fn serve_without_an_index_says_so_and_exits_2() {
    let env = TestEnv::new().note("a.md", "# A talk - Ann Lee\n");
    let out = env.run_with_timeout(&["serve", "--port", "0"], Duration::from_secs(30));
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("no index at"), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn serve_on_a_port_in_use_says_so_and_exits_2() {
    let env = indexed();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = env.run_with_timeout(&["serve", "--port", &port], Duration::from_secs(30));
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(
        out.stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--port 0"), "{}", out.stderr);
}

#[cfg(unix)]
#[test]
fn open_hands_the_address_to_the_platform_opener_and_a_missing_one_is_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let env = indexed();
    let bin = env.root().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let opened = env.root().join("opened.txt");
    let opener = bin.join("xdg-open");
    std::fs::write(&opener, format!("#!/bin/sh\necho \"$1\" > '{}'\n", opened.display())).unwrap();
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let start = |path: &std::path::Path| {
        let mut child = env
            .command(&["serve", "--port", "0", "--open"])
            .env("PATH", path)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start serve");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        (child, line.trim().to_string())
    };
    let (mut child, url) = start(&bin);
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    // The shell creates the file before it writes the line: wait for the line, not the file.
    let written = || std::fs::read_to_string(&opened).is_ok_and(|s| s.ends_with('\n'));
    while !written() && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(std::fs::read_to_string(&opened).expect("xdg-open was run").trim(), url);
    // No opener at all: a warning, and the server goes on serving.
    let (mut child, url) = start(&env.root().join("nowhere"));
    let stderr = drain(child.stderr.take().unwrap());
    let server = Server {
        child,
        host: url.strip_prefix("http://").unwrap().to_string(),
    };
    assert_eq!(server.get("/api/search?q=secrets").status, 200);
    drop(server);
    let stderr = stderr.join().unwrap();
    assert!(stderr.contains("warning: could not open a browser"), "{stderr}");
    assert!(stderr.contains(&url), "{stderr}");
}

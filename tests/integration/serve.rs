//! `plansite serve`: a copy of the mini site is served on a free port; an
//! edit is rebuilt and served and wakes the reload long-poll, a broken file
//! shows the overlay naming it, a fix brings the site back, and public/ is
//! never written. Every wait is bounded; the server is killed on drop.

use crate::support::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WAIT: Duration = Duration::from_secs(60);

/// A running `plansite serve`; killed when dropped, even after a panic.
struct Server {
    child: Child,
    addr: String,
    stderr: Arc<Mutex<String>>,
    /// The lines printed after the address.
    lines: Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &TempSite) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_plansite"))
            .args(["serve", "--port", "0", "--lang", "both", "--root"])
            .arg(site.root())
            .env("LANG", "C")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start plansite serve");
        let lines = read_lines(child.stdout.take().expect("stdout"));
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        let mut err = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n @ 1..) = err.read(&mut buf) {
                sink.lock()
                    .expect("lock")
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut server = Server {
            child,
            addr: String::new(),
            stderr,
            lines,
        };
        server.addr = server.wait_for_url(&server.lines);
        server
    }

    /// The next line printed that contains `what`; panics after `WAIT`.
    fn next_line(&self, what: &str) -> String {
        let deadline = Instant::now() + WAIT;
        while let Ok(line) = self
            .lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            if line.contains(what) {
                return line;
            }
        }
        panic!("no line with {what}; stderr: {}", self.stderr())
    }

    /// `127.0.0.1:PORT` from the `http://…/` line the server prints.
    fn wait_for_url(&self, lines: &Receiver<String>) -> String {
        let deadline = Instant::now() + WAIT;
        while let Ok(line) = lines.recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            if let Some(i) = line.find("http://") {
                let url = line[i + 7..].trim_end_matches(['/', ' ', '\n']);
                assert!(
                    url.starts_with("127.0.0.1:"),
                    "serves on 127.0.0.1 only: {line}"
                );
                return url.to_string();
            }
        }
        panic!("no URL printed; stderr: {}", self.stderr())
    }

    fn stderr(&self) -> String {
        self.stderr.lock().expect("lock").clone()
    }

    /// GETs `path` until `ok(status, body)` holds; panics after `WAIT`.
    fn wait_for(&self, path: &str, what: &str, ok: impl Fn(u16, &str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        let mut last = (0, String::new());
        while Instant::now() < deadline {
            last = get(&self.addr, path);
            if ok(last.0, &last.1) {
                return last.1;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "timed out waiting for {what} at {path}; last status {}, body:\n{}\nstderr:\n{}",
            last.0,
            last.1,
            self.stderr()
        )
    }
}

fn read_lines(out: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// A plain HTTP/1.0 GET (no chunking, the server closes): (status, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let sock = addr.parse().expect("address");
    let Ok(mut s) = TcpStream::connect_timeout(&sock, Duration::from_secs(5)) else {
        return (0, String::new());
    };
    s.set_read_timeout(Some(Duration::from_secs(40)))
        .expect("timeout");
    if write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").is_err() {
        return (0, String::new());
    }
    let mut raw = vec![];
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (status, body)
}

/// The current build generation (the events endpoint answers at once for
/// a `since` that is not current).
fn generation(addr: &str) -> u64 {
    get(addr, "/__plansite/events?since=999999")
        .1
        .trim()
        .parse()
        .expect("generation")
}

#[test]
fn serve_rebuilds_on_edit_shows_overlay_on_error_and_recovers() {
    let site = TempSite::copy(&fixture("mini"));
    let server = Server::start(&site);
    let addr = server.addr.clone();

    let home = server.wait_for("/", "the home page", |s, _| s == 200);
    assert!(
        home.contains("/__plansite/events"),
        "served HTML carries the reload script"
    );
    let (status, missing) = get(&addr, "/no/such/page.html");
    assert_eq!(status, 404);
    assert!(
        missing.contains("/__plansite/events"),
        "404 is the site's 404.html"
    );
    assert_eq!(get(&addr, "/assets/style.css").0, 200);

    // An edit is rebuilt, served, and wakes a page's long-poll.
    let before = generation(&addr);
    let poll_addr = addr.clone();
    let poll =
        std::thread::spawn(move || get(&poll_addr, &format!("/__plansite/events?since={before}")));
    std::thread::sleep(Duration::from_millis(100));
    site.patch(
        "content/chapters/01.zh.md",
        "生态环境质量持续改善。",
        "生态环境质量持续改善。预览新句。",
    );
    server.wait_for("/chapters/01/index.html", "the edit", |s, b| {
        s == 200 && b.contains("预览新句")
    });
    let (status, woke) = poll.join().expect("poll thread");
    assert_eq!(status, 200);
    assert!(
        woke.trim().parse::<u64>().expect("generation") > before,
        "the long-poll reports a newer build: {woke}"
    );

    // A broken file: the overlay names it on every page; assets still load.
    let plan = site.read("content/plan.toml");
    site.write(
        "content/plan.toml",
        &plan.replacen("period_start = 2021", "period_start = ", 1),
    );
    let overlay = server.wait_for("/chapters/01/index.html", "the overlay", |s, b| {
        s == 500 && b.contains("content/plan.toml")
    });
    assert!(
        overlay.contains("构建失败") && overlay.contains("Build failed"),
        "{overlay}"
    );
    assert!(
        overlay.contains("/__plansite/events"),
        "the overlay reloads itself when fixed"
    );
    assert_eq!(get(&addr, "/").0, 500);
    assert_eq!(get(&addr, "/assets/style.css").0, 200);
    assert!(
        server.stderr().contains("content/plan.toml"),
        "diagnostics printed in the terminal"
    );

    // Fixed: the site is back, with the earlier edit.
    site.write("content/plan.toml", &plan);
    server.wait_for("/chapters/01/index.html", "recovery", |s, b| {
        s == 200 && b.contains("预览新句")
    });
    assert!(!site.path("public").exists(), "serve never writes public/");
}

/// The pages rendered and reused in a "preview updated" line.
fn counts(line: &str) -> (usize, usize) {
    let nums: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    (nums[0], nums[1])
}

#[test]
fn serve_on_several_plans_shows_an_edit_and_the_data_it_changes_in_the_plans_linked_to_it() {
    let site = crate::plans_linked::linked_site();
    let server = Server::start(&site);
    let addr = server.addr.clone();
    server.wait_for(
        "/plans/14th/indicators/03/index.html",
        "a plan page",
        |s, _| s == 200,
    );
    assert_eq!(get(&addr, "/index.html").0, 200, "the portal");
    // A chapter of the city plan: only that plan is rendered again.
    site.patch(
        "content/plans/quanyang-14th/chapters/03.zh.md",
        "完成全市钢铁行业超低排放改造。",
        "完成全市钢铁行业超低排放改造。预览新句。",
    );
    let line = server.next_line("preview updated");
    let (rendered, reused) = counts(&line);
    // Only pages of the edited chapter's plan are rendered again (the
    // others are reused, whole plans or pages of this one).
    assert!(rendered > 0 && reused > rendered * 3 / 2, "{line}");
    server.wait_for(
        "/plans/quanyang-14th/chapters/03/index.html",
        "the edit",
        |s, b| s == 200 && b.contains("预览新句"),
    );
    // The other plans are still served, unchanged.
    let district = get(&addr, "/plans/14th/indicators/03/index.html");
    assert!(
        district.0 == 200 && district.1.contains("40微克/立方米"),
        "{}",
        district.1
    );
    // The city's target, which the district's indicator shows: the
    // district plan is rendered again too.
    site.patch(
        "content/plans/quanyang-14th/indicators.toml",
        "target = 40.0",
        "target = 38.0",
    );
    server.wait_for(
        "/plans/14th/indicators/03/index.html",
        "the city's new figure",
        |s, b| s == 200 && b.contains("38微克/立方米"),
    );
    // A plan declared a draft: the portal, made again, says so.
    let before = get(&addr, "/index.html").1;
    assert!(!before.contains("草案"), "{before}");
    let plan = site.read("content/plans/quanyang-14th/plan.toml");
    site.write(
        "content/plans/quanyang-14th/plan.toml",
        &format!("draft = true\n{plan}"),
    );
    server.wait_for("/index.html", "the portal's new state", |s, b| {
        s == 200 && b.contains("草案")
    });
}

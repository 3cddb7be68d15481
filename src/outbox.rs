//! The upload outbox in the browser: sending queued items to the server (`fetch`), at start, on
//! the `online` event and on a growing timer while the app is open; the server settings; a token
//! from the coordinator's link; and persistent storage. What goes into an item, what an answer
//! means and when to try again are the core's ([`qianshou_core::exchange::outbox`]); this file only moves
//! bytes and signals.

use crate::state::{new_id, now, AppState};
use leptos::prelude::*;
use qianshou_core::exchange::interchange::{Header, LeftOut};
use qianshou_core::exchange::outbox::{
    self, after, classify, Answer, Retry, ServerSettings, UploadState, OUTBOX_PREFIX, SERVER_KEY,
    UPLOAD_STATE_KEY,
};
use qianshou_core::storage::StorageError;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What the last step of uploading came to, for the screens.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Status {
    /// Nothing to say.
    #[default]
    Idle,
    /// A request is on its way.
    Sending,
    /// Every queued item was acknowledged.
    Done,
    /// "上传" found nothing changed since the last upload.
    Nothing,
    /// There is no token to send with.
    NoToken,
    /// The item could not be stored in the outbox.
    NotQueued(StorageError),
    /// The last try got this answer; the item stays queued.
    Failed(Answer),
}

/// The outbox's signals, provided as context by [`start`].
#[derive(Debug, Clone, Copy)]
pub struct Outbox {
    /// Where to upload, and the token.
    pub server: RwSignal<ServerSettings>,
    /// The acknowledged mark and the last upload.
    pub state: RwSignal<UploadState>,
    /// How many items wait in the outbox.
    pub queued: RwSignal<usize>,
    /// What the last step came to.
    pub status: RwSignal<Status>,
    /// Records the last "上传" left out (incomplete), as export lists them.
    pub left_out: RwSignal<Vec<LeftOut>>,
    /// Whether `/api/v1/health` answered on the page's own origin (`None`: not known yet).
    pub detected: RwSignal<Option<bool>>,
    /// Whether the token was just taken from the address bar.
    pub token_from_link: RwSignal<bool>,
    /// Whether the browser granted persistent storage (`None`: cannot tell).
    pub persisted: RwSignal<Option<bool>>,
    /// The browser's estimate of room left, in bytes.
    pub room_left: RwSignal<Option<f64>>,
    /// An item too large to store (storage full), sent from memory while the app is open.
    pub in_memory: RwSignal<Option<outbox::Item>>,
    failures: StoredValue<u32>,
    timer: StoredValue<Option<leptos::prelude::TimeoutHandle>>,
    sending: StoredValue<bool>,
    persist_asked: StoredValue<bool>,
    app: AppState,
}

/// The outbox of the running app.
pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

/// Sets the outbox up for the app: takes a token from the address bar, detects the server,
/// sends what is queued, listens for `online` and for other tabs, and asks for persistent
/// storage once records exist. Provides [`Outbox`] as context.
pub fn start(app: AppState) -> Outbox {
    let store = app.store();
    let outbox = Outbox {
        server: RwSignal::new(ServerSettings::load(&store).unwrap_or_default()),
        state: RwSignal::new(UploadState::load(&store).unwrap_or_default()),
        queued: RwSignal::new(outbox::pending(&store).map_or(0, |p| p.len())),
        status: RwSignal::new(Status::Idle),
        left_out: RwSignal::new(Vec::new()),
        detected: RwSignal::new(None),
        token_from_link: RwSignal::new(false),
        persisted: RwSignal::new(None),
        room_left: RwSignal::new(None),
        in_memory: RwSignal::new(None),
        failures: StoredValue::new(0),
        timer: StoredValue::new(None),
        sending: StoredValue::new(false),
        persist_asked: StoredValue::new(false),
        app,
    };
    provide_context(outbox);
    outbox.take_token_from_link();
    outbox.detect();
    outbox.send_all();
    let _ = window_event_listener(leptos::ev::online, move |_| {
        outbox.failures.set_value(0);
        outbox.detect();
        outbox.send_all();
    });
    // Another tab queued, sent or changed the settings: read them again.
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        let Some(key) = ev.key() else { return };
        if key == SERVER_KEY {
            outbox
                .server
                .set(ServerSettings::load(&app.store()).unwrap_or_default());
        } else if key == UPLOAD_STATE_KEY || key.starts_with(OUTBOX_PREFIX) {
            outbox.refresh();
        }
    });
    // Ask to keep storage once the first record exists (and at every start while records do).
    Effect::new(move |_| {
        let any = app.records.with(|r| {
            !r.villages.is_empty() || !r.organizations.is_empty() || !r.pairings.is_empty()
        });
        if any && !outbox.persist_asked.get_value() {
            outbox.persist_asked.set_value(true);
            leptos::task::spawn_local(async move {
                let granted = call_storage("persist").await;
                outbox.persisted.set(granted.and_then(|v| v.as_bool()));
            });
        }
    });
    outbox
}

impl Outbox {
    /// Reads the outbox and the mark from storage again.
    fn refresh(&self) {
        self.state
            .set(UploadState::load(&self.app.store()).unwrap_or_default());
        self.queued
            .set(outbox::pending(&self.app.store()).map_or(0, |p| p.len()));
    }

    /// Records not yet acknowledged by the server.
    pub fn unsent(&self) -> usize {
        let state = self.state.get();
        self.app.records.with(|r| state.unsent(r))
    }

    /// Saves changed server settings and tries again at once (a new token may now be accepted).
    pub fn set_server(&self, change: impl FnOnce(&mut ServerSettings)) {
        self.server.update(change);
        let result = self.server.with_untracked(|s| s.save(&self.app.store()));
        self.app.report(result);
        self.failures.set_value(0);
        self.send_all();
    }

    /// "上传": queues the changes since the last acknowledged upload and sends the outbox.
    pub fn upload(&self) {
        if self.app.read_only() {
            return;
        }
        let device = self.app.device_id.get_untracked();
        let header = Header {
            exported_at: now(),
            device_id: if device.is_empty() { new_id() } else { device },
            surveyor: self.app.settings.with_untracked(|s| s.surveyor.clone()),
        };
        let prepared = self
            .app
            .records
            .with_untracked(|r| outbox::prepare(&self.app.store(), r, &header, new_id()));
        let (item, left_out) = match prepared {
            Ok(p) => p,
            Err(e) => {
                self.app.report(Err(e.clone()));
                self.status.set(Status::NotQueued(e));
                return;
            }
        };
        self.left_out.set(left_out);
        match item {
            None if self.queued.get_untracked() == 0
                && self.in_memory.with_untracked(Option::is_none) =>
            {
                self.status.set(Status::Nothing);
                return;
            }
            None => {}
            Some(item) => match outbox::store_item(&self.app.store(), &item) {
                Ok(()) => self.in_memory.set(None),
                Err(StorageError::QuotaExceeded) => self.in_memory.set(Some(item)),
                Err(e) => {
                    self.app.report(Err(e.clone()));
                    self.status.set(Status::NotQueued(e));
                    return;
                }
            },
        }
        self.refresh();
        self.failures.set_value(0);
        self.send_all();
    }

    /// Sends queued items, newest first, until the outbox is empty or an answer says to wait.
    pub fn send_all(&self) {
        if self.sending.get_value() {
            return;
        }
        if let Some(timer) = self.timer.get_value() {
            timer.clear();
            self.timer.set_value(None);
        }
        let this = *self;
        leptos::task::spawn_local(async move {
            this.sending.set_value(true);
            this.send_loop().await;
            this.sending.set_value(false);
        });
    }

    async fn send_loop(&self) {
        loop {
            let memory = self.in_memory.get_untracked();
            let from_memory = memory.is_some();
            let Some(item) = memory.or_else(|| {
                outbox::pending(&self.app.store())
                    .ok()
                    .and_then(|p| p.into_iter().next())
            }) else {
                self.refresh();
                return;
            };
            let server = self.server.get_untracked();
            if server.token.trim().is_empty() {
                self.status.set(Status::NoToken);
                return;
            }
            self.status.set(Status::Sending);
            let answer = post(&server, &item, self.app.lang().tag()).await;
            if let Answer::Acknowledged(ack) = &answer {
                if !ack.upload.eq_ignore_ascii_case(&item.id) {
                    // The answer names another item: not ours to trust; try later.
                    self.retry_after(Answer::ServerTrouble(200));
                    return;
                }
                match outbox::acknowledge(&self.app.store(), &item, ack, now()) {
                    Ok(_) => {
                        if from_memory {
                            self.in_memory.set(None);
                        }
                        self.failures.set_value(0);
                        self.refresh();
                        self.status.set(Status::Done);
                        continue;
                    }
                    Err(e) => {
                        // Acknowledged, but the mark could not be kept: sent again later, and the
                        // server answers the same key with the same acknowledgement.
                        self.app.report(Err(e.clone()));
                        self.status.set(Status::NotQueued(e));
                        return;
                    }
                }
            }
            self.retry_after(answer);
            return;
        }
    }

    fn retry_after(&self, answer: Answer) {
        let failures = self.failures.get_value().saturating_add(1);
        self.failures.set_value(failures);
        let next = after(&answer, failures);
        self.status.set(Status::Failed(answer));
        if let Retry::After(ms) = next {
            let this = *self;
            let handle = set_timeout_with_handle(
                move || {
                    this.timer.set_value(None);
                    this.send_all();
                },
                Duration::from_millis(ms),
            )
            .ok();
            self.timer.set_value(handle);
        }
    }

    /// Takes a token from `#token=…` or `?token=…`, stores it, and removes it from the address
    /// bar (and so from the history), leaving the rest of the address as it was.
    fn take_token_from_link(&self) {
        let Some(location) = web_sys::window().map(|w| w.location()) else {
            return;
        };
        let search = location.search().unwrap_or_default();
        let hash = location.hash().unwrap_or_default();
        let Some(token) = outbox::token_in_link(&search, &hash) else {
            return;
        };
        self.server.update(|s| s.token = token);
        let result = self.server.with_untracked(|s| s.save(&self.app.store()));
        self.app.report(result);
        self.token_from_link.set(true);
        let strip = |part: &str, lead: char| {
            let kept: Vec<&str> = part
                .trim_start_matches(lead)
                .split('&')
                .filter(|p| !p.is_empty() && !p.starts_with("token="))
                .collect();
            if kept.is_empty() {
                String::new()
            } else {
                format!("{lead}{}", kept.join("&"))
            }
        };
        let clean = format!(
            "{}{}{}",
            location.pathname().unwrap_or_default(),
            strip(&search, '?'),
            strip(&hash, '#')
        );
        if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&clean));
        }
    }

    /// Asks the page's own origin for `/api/v1/health`: a server there is the default address.
    pub fn detect(&self) {
        let this = *self;
        leptos::task::spawn_local(async move {
            let answered = fetch_text("/api/v1/health", None)
                .await
                .ok()
                .filter(|(status, _, _)| *status == 200)
                .and_then(|(_, body, _)| serde_json::from_str::<serde_json::Value>(&body).ok())
                .is_some_and(|v| v.get("api").and_then(|a| a.as_u64()) == Some(1));
            this.detected.set(Some(answered));
        });
    }

    /// Reads whether storage is persistent and how much room is left (Settings).
    pub fn read_storage(&self) {
        let this = *self;
        leptos::task::spawn_local(async move {
            if let Some(v) = call_storage("persisted").await {
                this.persisted.set(v.as_bool());
            }
            if let Some(estimate) = call_storage("estimate").await {
                let get = |name: &str| {
                    js_sys::Reflect::get(&estimate, &JsValue::from_str(name))
                        .ok()
                        .and_then(|v| v.as_f64())
                };
                if let (Some(quota), Some(usage)) = (get("quota"), get("usage")) {
                    this.room_left.set(Some((quota - usage).max(0.0)));
                }
            }
        });
    }
}

/// The page's own origin (`https://host:port`).
pub fn own_origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

/// Calls `navigator.storage[name]()` and waits for its promise; `None` where the browser has no
/// such API or it fails.
async fn call_storage(name: &str) -> Option<JsValue> {
    let storage = web_sys::window()?.navigator().storage();
    let f = js_sys::Reflect::get(&storage, &JsValue::from_str(name))
        .ok()?
        .dyn_into::<js_sys::Function>()
        .ok()?;
    let promise = f.call0(&storage).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    JsFuture::from(promise).await.ok()
}

/// Sends one item; the answer as the core reads it.
async fn post(server: &ServerSettings, item: &outbox::Item, lang: &str) -> Answer {
    let base = server.address.trim().trim_end_matches('/');
    let url = format!("{base}/api/v1/uploads");
    let headers = [
        ("Authorization", format!("Bearer {}", server.token.trim())),
        ("Idempotency-Key", item.id.clone()),
        ("Content-Type", "application/json".to_owned()),
        ("Accept-Language", lang.to_owned()),
    ];
    match fetch_text(&url, Some((&headers, &item.body))).await {
        Ok((status, body, retry_after)) => classify(Some(status), &body, retry_after.as_deref()),
        Err(_) => classify(None, "", None),
    }
}

/// A request (GET, or POST of `body` with `headers`): status, body text and `Retry-After`.
async fn fetch_text(
    url: &str,
    post: Option<(&[(&str, String)], &str)>,
) -> Result<(u16, String, Option<String>), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoStore);
    if let Some((headers, body)) = post {
        init.set_method("POST");
        let h = web_sys::Headers::new()?;
        for (name, value) in headers {
            h.set(name, value)?;
        }
        init.set_headers(&h);
        init.set_body(&JsValue::from_str(body));
    }
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await?
        .dyn_into()?;
    let status = response.status();
    let retry_after = response.headers().get("retry-after").ok().flatten();
    let text = JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    Ok((status, text, retry_after))
}

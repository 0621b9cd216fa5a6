//! Cooperative scheduling: work in short slices and give the page its main thread back between
//! them, so that no task of ours blocks input or rendering for long.

use js_sys::Promise;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::MessageChannel;

/// How long one slice of work may run before yielding. Well under the 50 ms of a "long task",
/// leaving room for the DOM work the browser does after our code returns.
pub const SLICE_MS: f64 = 12.0;

/// Milliseconds on the page's monotonic clock.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// A slice of work that started at a known time.
pub struct Slice {
    started: f64,
}

impl Slice {
    pub fn begin() -> Self {
        Slice { started: now() }
    }

    pub fn elapsed(&self) -> f64 {
        now() - self.started
    }

    pub fn over(&self) -> bool {
        self.elapsed() > SLICE_MS
    }
}

/// How a piece of work was sliced: how many slices, and the longest of them.
#[derive(Clone, Copy, Default)]
pub struct SliceLog {
    pub count: u32,
    pub longest_ms: f64,
}

impl SliceLog {
    /// Records `slice`, ending now.
    pub fn record(&mut self, slice: &Slice) {
        self.count += 1;
        self.longest_ms = self.longest_ms.max(slice.elapsed());
    }

    pub fn absorb(&mut self, other: SliceLog) {
        self.count += other.count;
        self.longest_ms = self.longest_ms.max(other.longest_ms);
    }
}

/// Resolves in a new task. A message to ourselves rather than `setTimeout(0)`, which browsers
/// clamp to 4 ms once timeouts nest.
pub async fn next_task() {
    let Ok(channel) = MessageChannel::new() else {
        return sleep(0).await;
    };
    let promise = Promise::new(&mut |resolve, _| {
        channel.port1().set_onmessage(Some(&resolve));
        let _ = channel.port2().post_message(&JsValue::NULL);
    });
    let _ = JsFuture::from(promise).await;
    // The channel lives in this future until the message has arrived, so it cannot be collected.
    channel.port1().set_onmessage(None);
}

/// Resolves after `ms` milliseconds.
pub async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

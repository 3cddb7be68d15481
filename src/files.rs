//! Files in and out of the page: a download made in the page (works offline), the share sheet
//! where the phone has one, and reading a picked file.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The MIME type of export files.
pub const JSON_TYPE: &str = "application/json";
/// CSV, with its character set said, so that programs that look at it read Chinese right.
pub const CSV_TYPE: &str = "text/csv;charset=utf-8";
/// An Excel workbook.
pub const XLSX_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn blob_parts(bytes: &[u8]) -> Array {
    let parts = Array::new();
    parts.push(&Uint8Array::from(bytes));
    parts
}

/// The bytes as a `File` named `name`.
fn file(name: &str, mime: &str, bytes: &[u8]) -> Result<web_sys::File, JsValue> {
    let options = web_sys::FilePropertyBag::new();
    options.set_type(mime);
    web_sys::File::new_with_u8_array_sequence_and_options(&blob_parts(bytes), name, &options)
}

/// Saves the bytes as a download named `name`, made in the page: no network is involved.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let file = file(name, mime, bytes)?;
    let url = web_sys::Url::create_object_url_with_blob(&file)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    a.set_hidden(true);
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    body.append_child(&a)?;
    a.click();
    a.remove();
    // The click has started the download; the URL is let go once the browser has it.
    let _ = web_sys::window().map(|w| {
        let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)
    });
    Ok(())
}

/// `{ files: [file] }`, the share data of one file.
fn share_data(file: &web_sys::File) -> Result<Object, JsValue> {
    let data = Object::new();
    let files = Array::new();
    files.push(file);
    Reflect::set(&data, &"files".into(), &files)?;
    Ok(data)
}

/// Calls `navigator.<method>(data)` if the browser has that method. (Web Share is called by
/// name: web-sys has it only behind an unstable flag.)
fn call_navigator(method: &str, data: &Object) -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    let f = Reflect::get(&navigator, &method.into()).ok()?;
    let f: js_sys::Function = f.dyn_into().ok()?;
    f.call1(&navigator, data).ok()
}

/// Whether this browser can share a file of this type to other apps (phones mostly can;
/// desktop browsers mostly cannot).
pub fn can_share(mime: &str) -> bool {
    let Ok(probe) = file("probe.json", mime, b"{}") else {
        return false;
    };
    share_data(&probe)
        .ok()
        .and_then(|data| call_navigator("canShare", &data))
        .and_then(|ok| ok.as_bool())
        .unwrap_or(false)
}

/// Opens the share sheet with the file. Must be called straight from a tap (the browser asks
/// for a user gesture). `Ok(false)` when the user closed the sheet without sharing.
pub async fn share(name: &str, mime: &str, bytes: &[u8]) -> Result<bool, JsValue> {
    let data = share_data(&file(name, mime, bytes)?)?;
    let promise = call_navigator("share", &data)
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
        .ok_or_else(|| JsValue::from_str("share is not available"))?;
    match JsFuture::from(promise).await {
        Ok(_) => Ok(true),
        Err(e) => {
            let aborted = e
                .dyn_ref::<web_sys::DomException>()
                .is_some_and(|d| d.name() == "AbortError");
            if aborted {
                Ok(false)
            } else {
                Err(e)
            }
        }
    }
}

/// The whole content of a picked file.
pub async fn read(file: &web_sys::File) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(file.array_buffer()).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

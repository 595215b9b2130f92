//! Saving generated text (CSV) as a file, without a server round trip.
use leptos::wasm_bindgen::{JsCast, JsValue};

pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), JsValue> {
    // A byte-order mark so spreadsheet programs read the file as UTF-8.
    let parts = js_sys::Array::of1(&JsValue::from_str(&format!("\u{feff}{text}")));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let anchor: web_sys::HtmlAnchorElement = leptos::prelude::document()
        .create_element("a")?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(filename);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)
}

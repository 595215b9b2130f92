//! The app takes over a page's prerendered first frame (`src/prerender.rs`): mounted beside it,
//! it removes the frame before the next paint (nothing flickers) and keeps what the visitor
//! already typed or chose in the frame's fields, and where the focus was.
use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};

pub struct Frame {
    body: web_sys::HtmlElement,
    nodes: Vec<web_sys::Node>,
    /// The frame's fields by id, with their values.
    fields: Vec<(String, String)>,
    focused: Option<String>,
}

fn value(element: &JsValue) -> Option<String> {
    js_sys::Reflect::get(element, &"value".into())
        .ok()?
        .as_string()
}

/// The frame on the page, if it came with one.
pub fn find() -> Option<Frame> {
    let document = document();
    let body = document.body()?;
    if !body.has_attribute("data-frame") {
        return None;
    }
    let list = body.child_nodes();
    let nodes = (0..list.length()).filter_map(|i| list.item(i)).collect();
    let found = document.query_selector_all("input[id], select[id]").ok()?;
    let fields = (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<web_sys::Element>().ok())
        .filter_map(|field| Some((field.id(), value(&field)?)))
        .collect();
    let focused = document
        .active_element()
        .map(|e| e.id())
        .filter(|id| !id.is_empty());
    Some(Frame {
        body,
        nodes,
        fields,
        focused,
    })
}

impl Frame {
    /// Removes the frame, now that the app is mounted, and gives its fields' values (as if typed:
    /// the app's handlers see them) and the focus to the app's fields of the same id.
    pub fn hand_over(self) {
        for node in &self.nodes {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(node);
            }
        }
        let _ = self.body.remove_attribute("data-frame");
        let document = document();
        for (id, typed) in &self.fields {
            let Some(field) = document.get_element_by_id(id) else {
                continue;
            };
            if value(&field).as_deref() == Some(typed.as_str()) {
                continue;
            }
            let _ = js_sys::Reflect::set(&field, &"value".into(), &typed.into());
            for kind in ["input", "change"] {
                if let Ok(event) = web_sys::Event::new(kind) {
                    let _ = field.dispatch_event(&event);
                }
            }
        }
        if let Some(field) = self
            .focused
            .and_then(|id| document.get_element_by_id(&id))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = field.focus();
        }
    }
}

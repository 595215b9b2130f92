//! The results on a map: Leaflet and its marker-cluster plugin (npm, bundled with the build under
//! `/pkg/leaflet-…/`, loaded the first time a map is shown). Tiles come from `MAP_TILE_URL`;
//! without tiles the map still shows the markers and the municipality outlines on a plain
//! background. Clicking a marker moves focus to its result in the list.
use crate::api;
use crate::i18n::{Key, use_i18n};
use js_sys::{Function, JSON, Promise, Reflect};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use serde_json::json;
use shared::map::ServiceCard;
use shared::map::areas::OUTLINES;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    type LeafletMap;
    type Layer;

    #[wasm_bindgen(js_namespace = L, js_name = map)]
    fn new_map(element: &web_sys::HtmlElement, options: &JsValue) -> LeafletMap;
    #[wasm_bindgen(method, js_name = fitBounds)]
    fn fit_bounds(this: &LeafletMap, bounds: &JsValue, options: &JsValue);
    #[wasm_bindgen(method)]
    fn remove(this: &LeafletMap);

    #[wasm_bindgen(js_namespace = L, js_name = tileLayer)]
    fn tile_layer(url: &str, options: &JsValue) -> Layer;
    #[wasm_bindgen(js_namespace = L, js_name = polygon)]
    fn polygon(points: &JsValue, options: &JsValue) -> Layer;
    #[wasm_bindgen(js_namespace = L, js_name = markerClusterGroup)]
    fn marker_cluster_group(options: &JsValue) -> Layer;
    #[wasm_bindgen(js_namespace = L, js_name = marker)]
    fn marker(at: &JsValue, options: &JsValue) -> Layer;
    #[wasm_bindgen(js_namespace = L, js_name = divIcon)]
    fn div_icon(options: &JsValue) -> JsValue;
    #[wasm_bindgen(method, js_name = addTo)]
    fn add_to(this: &Layer, map: &LeafletMap) -> Layer;
    #[wasm_bindgen(method, js_name = addLayer)]
    fn add_layer(this: &Layer, layer: &Layer);
    #[wasm_bindgen(method)]
    fn on(this: &Layer, event: &str, handler: &Function);
}

fn js(value: serde_json::Value) -> JsValue {
    JSON::parse(&value.to_string()).unwrap_or(JsValue::NULL)
}

fn loaded() -> bool {
    Reflect::get(&window(), &"L".into())
        .and_then(|l| Reflect::get(&l, &"markerClusterGroup".into()))
        .is_ok_and(|f| f.is_function())
}

/// Appends a `<script src>` for each of `sources` at once: they download side by side and run
/// in this order (`async = false`). Waits until all of them ran.
async fn scripts(sources: &[String]) -> Result<(), JsValue> {
    let head = document().head().ok_or("no head")?;
    let mut ran = Vec::new();
    for src in sources {
        let element: web_sys::HtmlScriptElement =
            document().create_element("script")?.unchecked_into();
        element.set_async(false);
        element.set_src(src);
        ran.push(Promise::new(&mut |resolve, reject| {
            element.set_onload(Some(&resolve));
            element.set_onerror(Some(&reject));
        }));
        head.append_child(&element)?;
    }
    for script in ran {
        wasm_bindgen_futures::JsFuture::from(script).await?;
    }
    Ok(())
}

/// Loads Leaflet once: the stylesheets, the library and the cluster plugin, all asked for at
/// once (the plugin runs after the library).
async fn load() -> Result<(), JsValue> {
    if loaded() {
        return Ok(());
    }
    let base = document()
        .query_selector("meta[name=zr-leaflet]")?
        .and_then(|m| m.get_attribute("content"))
        .ok_or("no zr-leaflet meta")?;
    let head = document().head().ok_or("no head")?;
    for css in [
        "leaflet.css",
        "MarkerCluster.css",
        "MarkerCluster.Default.css",
    ] {
        let link: web_sys::HtmlLinkElement = document().create_element("link")?.unchecked_into();
        link.set_rel("stylesheet");
        link.set_href(&format!("{base}{css}"));
        head.append_child(&link)?;
    }
    scripts(&[
        format!("{base}leaflet.js"),
        format!("{base}leaflet.markercluster.js"),
    ])
    .await
}

/// Puts focus on the result card of `id` in the list.
fn focus_card(id: &str) {
    let selector = format!("[data-service=\"{id}\"] h3 a");
    if let Ok(Some(link)) = document().query_selector(&selector)
        && let Some(link) = link.dyn_ref::<web_sys::HtmlElement>()
    {
        let _ = link.focus();
        link.scroll_into_view();
    }
}

fn build(
    element: &web_sys::HtmlElement,
    cards: &[ServiceCard],
    tiles: Option<shared::map::MapTiles>,
    label: &str,
) -> LeafletMap {
    let map = new_map(
        element,
        &js(json!({ "scrollWheelZoom": false, "maxZoom": 18, "minZoom": 7 })),
    );
    if let Some(tiles) = tiles {
        tile_layer(
            &tiles.url,
            &js(json!({ "attribution": tiles.attribution, "maxZoom": 18 })),
        )
        .add_to(&map);
    }
    for (_, outline) in OUTLINES {
        let points: Vec<[f64; 2]> = outline.iter().map(|(lat, lon)| [*lat, *lon]).collect();
        polygon(
            &js(json!(points)),
            &js(json!({ "className": "zr-outline", "interactive": false, "fill": false })),
        )
        .add_to(&map);
    }
    let cluster = marker_cluster_group(&js(
        json!({ "showCoverageOnHover": false, "maxClusterRadius": 40 }),
    ));
    let mut bounds: Vec<[f64; 2]> = Vec::new();
    for card in cards {
        for place in &card.places {
            let (Some(lat), Some(lon)) = (place.latitude, place.longitude) else {
                continue;
            };
            let title = format!("{} — {} ({label})", card.name, place.name);
            let icon = div_icon(&js(
                json!({ "className": "zr-marker", "iconSize": [26, 26], "html": "" }),
            ));
            let options = js(json!({ "title": title, "alt": title, "keyboard": true }));
            let _ = Reflect::set(&options, &"icon".into(), &icon);
            let m = marker(&js(json!([lat, lon])), &options);
            let id = card.id.to_string();
            let on_click = Closure::<dyn Fn()>::new(move || focus_card(&id));
            m.on("click", on_click.as_ref().unchecked_ref());
            on_click.forget();
            cluster.add_layer(&m);
            bounds.push([lat, lon]);
        }
    }
    cluster.add_to(&map);
    if bounds.is_empty() {
        let (_, geldrop_mierlo) = OUTLINES[0];
        bounds = geldrop_mierlo
            .iter()
            .map(|(lat, lon)| [*lat, *lon])
            .collect();
    }
    map.fit_bounds(
        &js(json!(bounds)),
        &js(json!({ "padding": [24, 24], "maxZoom": 15 })),
    );
    map
}

#[component]
pub fn ResultsMap(cards: Vec<ServiceCard>) -> impl IntoView {
    let i18n = use_i18n();
    let node = NodeRef::<leptos::html::Div>::new();
    let map = StoredValue::new(None::<SendWrapper<LeafletMap>>);
    let failed = RwSignal::new(false);
    let label = i18n.t(Key::MapShowInList);
    Effect::new(move |_| {
        let Some(element) = node.get() else { return };
        let cards = cards.clone();
        let element = SendWrapper::new(element);
        spawn_local(async move {
            // The tile server and the library at the same time.
            let (tiles, library) = futures_util::future::join(api::map::config(), load()).await;
            let tiles = tiles.ok().flatten();
            if library.is_err() {
                failed.set(true);
                return;
            }
            let built = build(&element, &cards, tiles, label);
            map.set_value(Some(SendWrapper::new(built)));
        });
    });
    on_cleanup(move || {
        if let Some(Some(m)) = map.try_update_value(Option::take) {
            m.remove();
        }
    });
    view! {
        <div class="results-map" role="region" aria-label=move || i18n.t(Key::MapViewMap) data-testid="results-map" node_ref=node></div>
        {move || failed.get().then(|| view! { <p class="error">{i18n.t(Key::MapUnavailable)}</p> })}
    }
}

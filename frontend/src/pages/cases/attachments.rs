//! Attachments on the case page: observation reports (PDF) and photos (PNG, JPEG) up to 5 MB.
//! The browser checks type and size first so the user hears why at once; the server decides.
use super::case_content::CaseScope;
use crate::api;
use crate::i18n::{Key, use_i18n};
use leptos::html;
use leptos::prelude::*;
use shared::cases::CaseDetail;
use shared::cases::attachments::{FileKind, MAX_BYTES};
use uuid::Uuid;

/// Why the browser refuses a chosen file before sending it, if it does.
fn refusal(file: &web_sys::File) -> Option<Key> {
    if FileKind::from_media_type(&file.type_()).is_none() {
        Some(Key::AttachmentWrongType)
    } else if file.size() > MAX_BYTES as f64 {
        Some(Key::AttachmentTooLarge)
    } else {
        None
    }
}

fn size_text(bytes: i64, english: bool) -> String {
    if bytes < 1024 * 1024 {
        format!("{} kB", (bytes + 1023) / 1024)
    } else {
        let mb = bytes as f64 / (1024.0 * 1024.0);
        format!("{} MB", shared::numbers::decimal(mb, 1, english))
    }
}

#[component]
pub fn Attachments(detail: CaseDetail, scope: CaseScope) -> impl IntoView {
    let i18n = use_i18n();
    let case = detail.card.id;
    let input: NodeRef<html::Input> = NodeRef::new();
    let upload = scope.saver(Key::AttachmentSaved, move |file: web_sys::File| {
        Box::pin(async move { api::cases::upload_attachment(case, &file).await })
    });
    let remove = scope.saver(Key::AttachmentRemoved, move |id: Uuid| {
        Box::pin(async move { api::cases::delete_attachment(case, id).await })
    });
    let list = detail
        .attachments
        .iter()
        .map(|a| {
            let id = a.id;
            let href = format!("/api/cases/{case}/attachments/{id}");
            let about = format!(
                " · {} · {}{}",
                size_text(a.size_bytes, i18n.english()),
                crate::components::time::local_day(a.uploaded_at, i18n.english()),
                a.uploaded_by
                    .as_ref()
                    .map(|b| format!(" · {b}"))
                    .unwrap_or_default()
            );
            let name = a.name.clone();
            view! {
                <li data-testid="attachment">
                    <a href=href download=name.clone()>{name.clone()}</a>
                    <span class="hint">{about}</span>
                    " "
                    <button type="button" class="button-plain" data-testid="attachment-remove"
                        aria-label=move || format!("{} {}", i18n.t(Key::AttachmentRemove), name)
                        on:click=move |_| { remove.dispatch(id); }>
                        {move || i18n.t(Key::AttachmentRemove)}
                    </button>
                </li>
            }
        })
        .collect_view();
    let empty = detail.attachments.is_empty();

    view! {
        <section aria-labelledby="attachments-heading">
            <h2 id="attachments-heading">{move || i18n.t(Key::AttachmentsTitle)}</h2>
            {empty.then(|| view! { <p class="hint">{move || i18n.t(Key::AttachmentsNone)}</p> })}
            <ul class="plain-list">{list}</ul>
            <form class="inline-form" on:submit=move |ev| {
                ev.prevent_default();
                let Some(el) = input.get_untracked() else { return };
                let Some(file) = el.files().and_then(|f| f.get(0)) else { return };
                if let Some(key) = refusal(&file) {
                    scope.message.set(Some((false, key)));
                    return;
                }
                upload.dispatch(file);
                el.set_value("");
            }>
                <div class="field">
                    <label for="attachment-file">{move || i18n.t(Key::AttachmentChoose)}</label>
                    <input id="attachment-file" data-testid="attachment-file" type="file" required node_ref=input
                        accept="application/pdf,image/png,image/jpeg" aria-describedby="attachment-hint" />
                    <p id="attachment-hint" class="hint">{move || i18n.t(Key::AttachmentHint)}</p>
                </div>
                <button type="submit" class="button-plain" data-testid="attachment-save">{move || i18n.t(Key::AttachmentAdd)}</button>
            </form>
        </section>
    }
}

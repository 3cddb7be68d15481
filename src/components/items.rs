//! The needs list of a village and the capabilities list of an organisation: add, edit, remove
//! (with confirmation and undo), and a category suggested from the words typed.

use crate::components::fields::{CodeSelect, ConfirmButton, NumberField, TextField};
use crate::components::suggestions::NeedSuggestions;
use crate::state::{new_id, tr, use_app, Notice, RecordHandle, Undo};
use leptos::prelude::*;
use qianshou_core::matching::classify::suggest_category;
use qianshou_core::model::records::{
    Capability, Category, Need, NeedStatus, Organization, Village,
};
use qianshou_core::storage::repo::Record;
use qianshou_core::words::{self, tn, Key};

/// What a need and a capability have in common: the fields the shared card edits.
pub trait Item: Clone + PartialEq + Send + Sync + 'static {
    /// Its id.
    fn id(&self) -> &str;
    /// Its description.
    fn description(&self) -> &str;
    /// Its category.
    fn category(&self) -> Category;
    /// Its quantity.
    fn quantity(&self) -> Option<f64>;
    /// Its unit.
    fn unit(&self) -> &str;
    /// The description, category, quantity and unit, to change.
    fn common_mut(&mut self) -> (&mut String, &mut Category, &mut Option<f64>, &mut String);
}

macro_rules! item {
    ($t:ty) => {
        impl Item for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn description(&self) -> &str {
                &self.description
            }
            fn category(&self) -> Category {
                self.category
            }
            fn quantity(&self) -> Option<f64> {
                self.quantity
            }
            fn unit(&self) -> &str {
                &self.unit
            }
            fn common_mut(
                &mut self,
            ) -> (&mut String, &mut Category, &mut Option<f64>, &mut String) {
                (
                    &mut self.description,
                    &mut self.category,
                    &mut self.quantity,
                    &mut self.unit,
                )
            }
        }
    };
}
item!(Need);
item!(Capability);

/// A record with a list of items: a village with its needs, an organisation with its capabilities.
pub trait WithItems: Record + Send + Sync + 'static {
    /// The kind of item.
    type Item: Item;
    /// The list's heading, its "add" button, one item's title, the empty text, the removal question.
    const TEXT: [Key; 5];
    /// The items.
    fn items(&self) -> &Vec<Self::Item>;
    /// The items, to change.
    fn items_mut(&mut self) -> &mut Vec<Self::Item>;
    /// A new item with a fresh id.
    fn new_item() -> Self::Item;
    /// The undo of removing `item` from position `index` of record `owner`.
    fn undo_removal(owner: String, index: usize, item: Self::Item) -> Undo;
    /// Fields only this kind of item has, under the common ones.
    fn extra_fields(handle: ItemHandle<Self>) -> AnyView;
}

impl WithItems for Village {
    type Item = Need;
    const TEXT: [Key; 5] = [
        Key::SectionNeeds,
        Key::AddNeed,
        Key::NeedNumber,
        Key::NoNeeds,
        Key::ConfirmRemoveNeed,
    ];
    fn items(&self) -> &Vec<Need> {
        &self.needs
    }
    fn items_mut(&mut self) -> &mut Vec<Need> {
        &mut self.needs
    }
    fn new_item() -> Need {
        Need::new(new_id(), Category::Other)
    }
    fn undo_removal(village: String, index: usize, need: Need) -> Undo {
        Undo::Need {
            village,
            index,
            need,
        }
    }
    fn extra_fields(h: ItemHandle<Self>) -> AnyView {
        let status = h.read(|n| n.status);
        view! {
            <CodeSelect
                label=Key::FieldPriority
                name_of=words::priority
                value=h.read(|n| n.priority)
                on_change=move |p| h.edit(move |n| n.priority = p)
            />
            // A need's status follows its pairings; until it has one there is nothing to choose.
            <Show when=move || status.get() != NeedStatus::Open>
                <CodeSelect
                    label=Key::FieldStatus
                    name_of=words::need_status
                    value=status
                    on_change=move |s| h.edit(move |n| n.status = s)
                />
            </Show>
            <NeedSuggestions village=h.owner_id() need=h.item_id()/>
        }
        .into_any()
    }
}

impl WithItems for Organization {
    type Item = Capability;
    const TEXT: [Key; 5] = [
        Key::SectionCapabilities,
        Key::AddCapability,
        Key::CapabilityNumber,
        Key::NoCapabilities,
        Key::ConfirmRemoveCapability,
    ];
    fn items(&self) -> &Vec<Capability> {
        &self.capabilities
    }
    fn items_mut(&mut self) -> &mut Vec<Capability> {
        &mut self.capabilities
    }
    fn new_item() -> Capability {
        Capability::new(new_id(), Category::Other)
    }
    fn undo_removal(organization: String, index: usize, capability: Capability) -> Undo {
        Undo::Capability {
            organization,
            index,
            capability,
        }
    }
    fn extra_fields(_: ItemHandle<Self>) -> AnyView {
        ().into_any()
    }
}

/// One item of one record, to read fields from and to edit. Copy, so closures can share it.
pub struct ItemHandle<P: WithItems> {
    owner: RecordHandle<P>,
    item: StoredValue<String>,
}

impl<P: WithItems> Clone for ItemHandle<P> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<P: WithItems> Copy for ItemHandle<P> {}

impl<P: WithItems> ItemHandle<P> {
    fn new(owner: RecordHandle<P>, item: String) -> Self {
        ItemHandle {
            owner,
            item: StoredValue::new(item),
        }
    }

    /// The id of the record the item belongs to.
    pub fn owner_id(self) -> String {
        self.owner.id.get_value()
    }

    /// The item's id.
    pub fn item_id(self) -> String {
        self.item.get_value()
    }

    /// A field of the item, as a memo: it notifies only when that field changes.
    pub fn read<T>(self, get: fn(&P::Item) -> T) -> Signal<T>
    where
        T: PartialEq + Clone + Default + Send + Sync + 'static,
    {
        let item = self.item;
        self.owner.read(move |p| {
            item.with_value(|id| p.items().iter().find(|i| i.id() == id).map(get))
                .unwrap_or_default()
        })
    }

    /// Changes the item and saves its record.
    pub fn edit(self, change: impl FnOnce(&mut P::Item)) {
        let id = self.item.get_value();
        self.owner.edit(|p| {
            if let Some(i) = p.items_mut().iter_mut().find(|i| i.id() == id) {
                change(i);
            }
        });
    }

    fn remove(self) {
        let id = self.item.get_value();
        let mut removed = None;
        self.owner.edit(|p| {
            if let Some(index) = p.items().iter().position(|i| i.id() == id) {
                removed = Some((index, p.items_mut().remove(index)));
            }
        });
        if let Some((index, item)) = removed {
            let undo = P::undo_removal(self.owner.id.get_value(), index, item);
            self.owner.app.notice.set(Some(Notice::Removed(undo)));
        }
    }
}

/// The editable list of items of the record `owner`.
#[component]
pub fn ItemsEditor<P: WithItems>(owner: RecordHandle<P>) -> impl IntoView {
    let [heading, add, _, empty, _] = P::TEXT;
    let item_ids = owner.read(|p| {
        p.items()
            .iter()
            .map(|i| i.id().to_owned())
            .collect::<Vec<_>>()
    });
    let add_item = move |_| owner.edit(|p| p.items_mut().push(P::new_item()));
    let heading_id = crate::components::fields::field_id("items");
    let labelled_by = heading_id.clone();
    view! {
        <section class="items" aria-labelledby=labelled_by>
            <h2 id=heading_id>{tr(heading)}</h2>
            <Show when=move || item_ids.with(Vec::is_empty)>
                <p class="empty">{tr(empty)}</p>
            </Show>
            <ol class="item-list">
                <For
                    each=move || item_ids.get()
                    key=|id| id.clone()
                    children=move |id| {
                        let number = Signal::derive({
                            let id = id.clone();
                            move || item_ids.with(|ids| ids.iter().position(|i| *i == id).unwrap_or(0) + 1)
                        });
                        let handle = ItemHandle::new(owner, id);
                        view! { <ItemCard handle=handle number=number/> }
                    }
                />
            </ol>
            <button type="button" class="button wide" on:click=add_item>
                {tr(add)}
            </button>
        </section>
    }
}

#[component]
fn ItemCard<P: WithItems>(handle: ItemHandle<P>, number: Signal<usize>) -> impl IntoView {
    let app = use_app();
    let [_, _, title, _, question] = P::TEXT;
    let h = handle;
    let description = h.read(|i: &P::Item| i.description().to_owned());
    let category = h.read(|i: &P::Item| i.category());
    let suggestion = Memo::new(move |_| {
        crate::lexicon_loader::lexicon_version(); // Suggested again with the lexicon once it arrives.
        description
            .with(|d| suggest_category(d))
            .filter(|&s| s != category.get())
    });
    view! {
        <li class="item-card">
            <h3>{move || tn(app.lang(), title, number.get())}</h3>
            <TextField
                label=Key::FieldDescription
                multiline=true
                value=description
                on_change=move |text: String| h.edit(move |i| *i.common_mut().0 = text)
            />
            {move || {
                suggestion
                    .get()
                    .map(|s| {
                        view! {
                            <p class="suggestion">
                                <span>{tr(Key::SuggestedCategory)}</span>
                                <strong>{move || words::category(app.lang(), s)}</strong>
                                <button
                                    type="button"
                                    class="button small"
                                    on:click=move |_| h.edit(move |i| *i.common_mut().1 = s)
                                >
                                    {tr(Key::AcceptSuggestion)}
                                </button>
                            </p>
                        }
                    })
            }}
            <CodeSelect
                label=Key::FieldCategory
                name_of=words::category
                value=category
                on_change=move |c| h.edit(move |i| *i.common_mut().1 = c)
            />
            <div class="row">
                <NumberField
                    label=Key::FieldQuantity
                    value=h.read(|i: &P::Item| i.quantity())
                    on_change=move |q| h.edit(move |i| *i.common_mut().2 = q)
                />
                <TextField
                    label=Key::FieldUnit
                    value=h.read(|i: &P::Item| i.unit().to_owned())
                    on_change=move |u: String| h.edit(move |i| *i.common_mut().3 = u)
                />
            </div>
            {P::extra_fields(h)}
            <ConfirmButton label=Key::Remove question=question action=Key::Remove on_confirm=move |_| h.remove()/>
        </li>
    }
}

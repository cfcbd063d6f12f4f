//! Part categories: `/api/part/category/` and `/api/part/category/<pk>/`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};
use stockroom_store::parts::{
    CategoryChanges, CategoryOrder, CategoryQuery, CategoryRow, DeleteContents, NewCategory,
};
use stockroom_store::tree::Tree;

use crate::AppState;
use crate::api::auth::{Auth, MaybeAuth, Perm, RuleSet};
use crate::api::body::{JsonBody, Partial, delete_option};
use crate::api::error::ApiError;
use crate::api::fields::{Field, Input, Kind};
use crate::api::list::{self, Page, RequestUrl};
use crate::api::options::{self, Endpoint};
use crate::api::pk::Pk;
use crate::api::query::Params;
use crate::api::{check_links, run};

const FIELDS: &[Field] = &[
    Field::shown("pk", Kind::Integer, "ID"),
    Field::new("name", Kind::String, "Name").required().max_length(100).help("Name"),
    Field::text("description", "Description", 250).help("Description (optional)"),
    Field::link("default_location", "Default Location", "stocklocation", "/api/stock/location/")
        .help("Default location for parts in this category"),
    Field::text("default_keywords", "Default keywords", 250).help("Default keywords for parts in this category"),
    Field::shown("level", Kind::Integer, "Level"),
    Field::link("parent", "Parent Category", "partcategory", "/api/part/category/").help("Parent part category"),
    Field::shown("part_count", Kind::Integer, "Parts"),
    Field::shown("subcategories", Kind::Integer, "Subcategories"),
    Field::shown("pathstring", Kind::String, "Path"),
    Field::shown("starred", Kind::Boolean, "Starred"),
    Field::flag("structural", "Structural", false)
        .help("Parts may not be directly assigned to a structural category, but may be assigned to child categories."),
    Field::text("icon", "Icon", 100).help("Icon (optional)"),
];

pub(crate) const LIST: Endpoint = Endpoint {
    name: "Category List",
    model: "partcategory",
    rule: RuleSet::PartCategory,
    fields: FIELDS,
    detail: false,
    writable: true,
};
pub(crate) const DETAIL: Endpoint = Endpoint {
    name: "Category Detail",
    detail: true,
    ..LIST
};

pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/api/part/category/",
            get(list).post(create).options(list_options),
        )
        .route(
            "/api/part/category/{pk}/",
            get(detail)
                .put(change)
                .patch(change)
                .delete(remove)
                .options(detail_options),
        )
}

/// A category as the API shows it.
pub(crate) fn body(row: &CategoryRow, path: Option<Vec<Value>>) -> Value {
    let c = &row.category;
    let mut out = json!({
        "pk": c.id,
        "name": c.name,
        "description": c.description,
        "default_location": c.default_location_id,
        "default_keywords": c.default_keywords,
        "level": row.level,
        "parent": c.parent_id,
        "part_count": row.part_count,
        "subcategories": row.subcategories,
        "pathstring": c.pathstring,
        "starred": false,
        "structural": c.structural,
        "icon": c.icon,
    });
    if let Some(path) = path {
        out["path"] = Value::Array(path);
    }
    out
}

async fn list_options(auth: MaybeAuth) -> Response {
    options::respond(&LIST, &auth)
}

async fn detail_options(auth: MaybeAuth) -> Response {
    options::respond(&DETAIL, &auth)
}

async fn list(
    State(state): State<AppState>,
    auth: Auth,
    params: Params,
    url: RequestUrl,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::PartCategory, Perm::View)?;
    let page = Page::from_params(&params)?;
    let parent = params.link("parent");
    let query = CategoryQuery {
        parent: if params.flag("top_level", false) {
            Some(None)
        } else {
            parent
        },
        cascade: params.flag("cascade", false),
        structural: params.bool("structural"),
        search: params.search(),
        name: params.text("name").map(str::to_owned),
        exclude_tree: params.int("exclude_tree"),
        ordering: params
            .ordering()
            .into_iter()
            .filter_map(|(key, desc)| {
                let key = match key.as_str() {
                    "name" => CategoryOrder::Name,
                    "pathstring" | "level" | "tree_id" | "lft" => CategoryOrder::Pathstring,
                    "pk" | "id" => CategoryOrder::Id,
                    _ => return None,
                };
                Some((key, desc))
            })
            .collect(),
        page: stockroom_store::listing::PageRequest {
            limit: page.limit,
            offset: page.offset,
        },
    };
    params.finish()?;
    let listed = run(&state, move |store| Ok(store.query_categories(&query)?)).await?;
    let results = listed.items.iter().map(|row| body(row, None)).collect();
    Ok(list::respond(page, listed.count, results, &url))
}

async fn detail(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    params: Params,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::PartCategory, Perm::View)?;
    let with_path = params.flag("path_detail", false);
    params.finish()?;
    let (row, path) = run(&state, move |store| {
        let row = store.category_row(pk)?;
        let path = if with_path {
            Some(path_of(store, pk)?)
        } else {
            None
        };
        Ok((row, path))
    })
    .await?;
    Ok(Json(body(&row, path)))
}

fn path_of(store: &stockroom_store::Store, pk: i64) -> Result<Vec<Value>, ApiError> {
    let mut ids = store.tree_ancestors(Tree::Category, pk)?;
    ids.push(pk);
    ids.into_iter()
        .map(|id| {
            let c = store.category(id)?;
            Ok(json!({"pk": c.id, "name": c.name}))
        })
        .collect()
}

async fn create(
    State(state): State<AppState>,
    auth: Auth,
    JsonBody(data): JsonBody,
) -> Result<Response, ApiError> {
    auth.require(RuleSet::PartCategory, Perm::Add)?;
    let input = Input::parse(&data, FIELDS, false)?;
    let new = NewCategory {
        name: input.text("name").unwrap_or_default(),
        description: input.text("description").unwrap_or_default(),
        parent_id: input.nullable_int("parent").flatten(),
        default_location_id: input.nullable_int("default_location").flatten(),
        default_keywords: input.text("default_keywords").unwrap_or_default(),
        structural: input.bool("structural").unwrap_or(false),
        icon: input.text("icon").unwrap_or_default(),
    };
    let row = run(&state, move |store| {
        check_links(store, &input, FIELDS)?;
        let created = store.create_category(&new)?;
        Ok(store.category_row(created.id)?)
    })
    .await?;
    Ok((StatusCode::CREATED, Json(body(&row, None))).into_response())
}

async fn change(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    Partial(partial): Partial,
    JsonBody(data): JsonBody,
) -> Result<Json<Value>, ApiError> {
    auth.require(RuleSet::PartCategory, Perm::Change)?;
    let input = Input::parse(&data, FIELDS, partial)?;
    let changes = CategoryChanges {
        name: input.text("name"),
        description: input.text("description"),
        parent_id: input.nullable_int("parent"),
        default_location_id: input.nullable_int("default_location"),
        default_keywords: input.text("default_keywords"),
        structural: input.bool("structural"),
        icon: input.text("icon"),
    };
    let row = run(&state, move |store| {
        store.category(pk)?;
        check_links(store, &input, FIELDS)?;
        store.update_category(pk, &changes)?;
        Ok(store.category_row(pk)?)
    })
    .await?;
    Ok(Json(body(&row, None)))
}

async fn remove(
    State(state): State<AppState>,
    auth: Auth,
    Pk(pk): Pk,
    params: Params,
    JsonBody(data): JsonBody,
) -> Result<StatusCode, ApiError> {
    auth.require(RuleSet::PartCategory, Perm::Delete)?;
    let option = |name: &str| delete_option(&data, &params, name);
    let contents = DeleteContents {
        delete_items: option("delete_parts"),
        delete_children: option("delete_child_categories"),
    };
    params.finish()?;
    run(
        &state,
        move |store| Ok(store.delete_category(pk, contents)?),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

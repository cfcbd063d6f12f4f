//! The OpenAPI document, built from the same field declarations that parse requests and
//! answer `OPTIONS`, served at `/api/schema/` with a bundled viewer at `/api-doc/`.

use axum::Router;
use utoipa::openapi::path::{
    HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn, PathItem,
};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityRequirement, SecurityScheme,
};
use utoipa::openapi::{
    ArrayBuilder, ComponentsBuilder, ContentBuilder, InfoBuilder, ObjectBuilder, OpenApi,
    OpenApiBuilder, PathsBuilder, Required, Schema, Type,
};
use utoipa_swagger_ui::SwaggerUi;

use crate::api::fields::{Field, Kind};
use crate::api::options::Endpoint;
use crate::{AppState, INVENTREE_API_VERSION, STOCKROOM_VERSION};

/// A documented route.
pub(crate) enum Doc {
    /// A list path and its detail path, served by the two endpoints.
    Resource {
        list: &'static str,
        list_endpoint: &'static Endpoint,
        detail: &'static str,
        detail_endpoint: &'static Endpoint,
    },
    /// One operation with a body of `fields` (empty for none).
    Action {
        path: &'static str,
        method: HttpMethod,
        summary: &'static str,
        tag: &'static str,
        fields: &'static [Field],
    },
}

fn field_schema(field: &Field) -> Schema {
    let kind = match field.kind {
        Kind::Integer | Kind::Related(..) => Type::Integer,
        Kind::Float | Kind::Decimal => Type::Number,
        Kind::Boolean => Type::Boolean,
        Kind::List => {
            return ArrayBuilder::new()
                .items(ObjectBuilder::new())
                .description(Some(field.label))
                .build()
                .into();
        }
        Kind::String | Kind::Url | Kind::Date | Kind::DateTime | Kind::Choice(_) => Type::String,
    };
    let mut schema =
        ObjectBuilder::new()
            .schema_type(kind)
            .description(Some(if field.help_text.is_empty() {
                field.label
            } else {
                field.help_text
            }));
    if field.read_only {
        schema = schema.read_only(Some(true));
    }
    if let Some(max) = field.max_length {
        schema = schema.max_length(Some(max));
    }
    Schema::Object(schema.build())
}

fn object_schema(fields: &[Field], writable_only: bool) -> Schema {
    let mut object = ObjectBuilder::new().schema_type(Type::Object);
    for field in fields.iter().filter(|f| !writable_only || !f.read_only) {
        object = object.property(field.name, field_schema(field));
        if writable_only && field.required {
            object = object.required(field.name);
        }
    }
    Schema::Object(object.build())
}

fn json_body(schema: Schema) -> utoipa::openapi::Content {
    ContentBuilder::new().schema(Some(schema)).build()
}

fn operation(
    summary: &str,
    tag: &str,
    body: Option<Schema>,
    reply: Option<Schema>,
    status: &str,
) -> OperationBuilder {
    let mut op = OperationBuilder::new().summary(Some(summary)).tag(tag);
    if let Some(body) = body {
        op = op.request_body(Some(
            RequestBodyBuilder::new()
                .content("application/json", json_body(body))
                .required(Some(Required::True))
                .build(),
        ));
    }
    let mut response = ResponseBuilder::new().description("Success");
    if let Some(reply) = reply {
        response = response.content("application/json", json_body(reply));
    }
    op.response(status, response.build())
        .response(
            "400",
            ResponseBuilder::new()
                .description("Invalid input: field errors")
                .build(),
        )
        .response(
            "401",
            ResponseBuilder::new()
                .description("Not authenticated")
                .build(),
        )
        .response(
            "403",
            ResponseBuilder::new()
                .description("Permission denied")
                .build(),
        )
}

fn pk_parameter() -> utoipa::openapi::path::Parameter {
    ParameterBuilder::new()
        .name("pk")
        .parameter_in(ParameterIn::Path)
        .required(Required::True)
        .schema(Some(ObjectBuilder::new().schema_type(Type::Integer)))
        .build()
}

/// Builds the document for the given routes.
pub(crate) fn document(docs: &[Doc]) -> OpenApi {
    let mut paths = PathsBuilder::new();
    for doc in docs {
        match doc {
            Doc::Resource {
                list,
                list_endpoint,
                detail,
                detail_endpoint,
            } => {
                let tag = list_endpoint.model;
                let item = object_schema(list_endpoint.fields, false);
                let list_reply = ArrayBuilder::new()
                    .items(utoipa::openapi::RefOr::T(item.clone()))
                    .build()
                    .into();
                let mut list_item = PathItem::new(
                    HttpMethod::Get,
                    operation(list_endpoint.name, tag, None, Some(list_reply), "200"),
                );
                if list_endpoint.writable {
                    list_item.post = Some(
                        operation(
                            list_endpoint.name,
                            tag,
                            Some(object_schema(list_endpoint.fields, true)),
                            Some(item.clone()),
                            "201",
                        )
                        .build(),
                    );
                }
                paths = paths.path(*list, list_item);
                let get = operation(detail_endpoint.name, tag, None, Some(item.clone()), "200")
                    .parameter(pk_parameter());
                let mut detail_item = PathItem::new(HttpMethod::Get, get);
                if detail_endpoint.writable {
                    let write = || Some(object_schema(detail_endpoint.fields, true));
                    detail_item.put = Some(
                        operation(
                            detail_endpoint.name,
                            tag,
                            write(),
                            Some(item.clone()),
                            "200",
                        )
                        .parameter(pk_parameter())
                        .build(),
                    );
                    detail_item.patch = Some(
                        operation(
                            detail_endpoint.name,
                            tag,
                            write(),
                            Some(item.clone()),
                            "200",
                        )
                        .parameter(pk_parameter())
                        .build(),
                    );
                    detail_item.delete = Some(
                        operation(detail_endpoint.name, tag, None, None, "204")
                            .parameter(pk_parameter())
                            .build(),
                    );
                }
                paths = paths.path(*detail, detail_item);
            }
            Doc::Action {
                path,
                method,
                summary,
                tag,
                fields,
            } => {
                let body = (!fields.is_empty()).then(|| object_schema(fields, true));
                let status = if matches!(method, HttpMethod::Post) {
                    "201"
                } else {
                    "200"
                };
                let mut op = operation(
                    summary,
                    tag,
                    body,
                    Some(Schema::Object(
                        ObjectBuilder::new().schema_type(Type::Object).build(),
                    )),
                    status,
                );
                if path.contains("{pk}") {
                    op = op.parameter(pk_parameter());
                }
                paths = paths.path(*path, PathItem::new(method.clone(), op));
            }
        }
    }
    let components = ComponentsBuilder::new()
        .security_scheme(
            "tokenAuth",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "Authorization",
                "Token <token>",
            ))),
        )
        .security_scheme(
            "basicAuth",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Basic)),
        )
        .security_scheme(
            "cookieAuth",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("sessionid"))),
        )
        .build();
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Stockroom API")
                .version(format!("{STOCKROOM_VERSION} (InvenTree API {INVENTREE_API_VERSION})"))
                .description(Some("Stockroom's REST API, compatible with InvenTree's for parts, stock and barcodes."))
                .build(),
        )
        .paths(paths.build())
        .components(Some(components))
        .security(Some(vec![
            SecurityRequirement::new("tokenAuth", Vec::<String>::new()),
            SecurityRequirement::new("basicAuth", Vec::<String>::new()),
            SecurityRequirement::new("cookieAuth", Vec::<String>::new()),
        ]))
        .build()
}

/// `/api/schema/` (the JSON document) and `/api-doc/` (the viewer, served from the binary).
pub(crate) fn router(docs: &[Doc]) -> Router<AppState> {
    Router::from(SwaggerUi::new("/api-doc").url("/api/schema/", document(docs)))
}

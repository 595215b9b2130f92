//! The OpenAPI 3.1 description of the API (`GET /api/openapi.json`, browsable at `/api/docs/`),
//! built from the route table: what each handler reads (its extractors) and answers (its return
//! type) is read off its signature through the traits below, so every route is described and the
//! description cannot drift from the code. A handler that answers a plain `HttpResponse` says
//! what it sends with [`crate::routes::Routes::returns`].
use crate::auth::{AuthUser, PartialUser, SignedIn};
use crate::error::ApiError;
use crate::state::AppState;
use actix_web::http::Method;
use actix_web::{HttpRequest, HttpResponse, web};
use shared::auth::{CSRF_HEADER, CSRF_VALUE};
use shared::error::ApiErrorBody;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, ParameterBuilder, ParameterIn};
use utoipa::openapi::request_body::RequestBodyBuilder;
use utoipa::openapi::schema::{ObjectBuilder, SchemaFormat, SchemaType, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityRequirement, SecurityScheme};
use utoipa::openapi::{
    ComponentsBuilder, Content, InfoBuilder, KnownFormat, OpenApi, OpenApiBuilder, PathItem,
    PathsBuilder, RefOr, Required, ResponseBuilder, Schema,
};
use utoipa::{PartialSchema, ToSchema};

type Schemas = Vec<(String, RefOr<Schema>)>;

/// What one route reads and answers, gathered from its handler's signature.
#[derive(Clone, Default)]
pub struct Doc {
    /// Media type and schema of the request body.
    pub body: Option<(&'static str, RefOr<Schema>)>,
    /// The query string as an object whose properties are the parameters.
    pub query: Option<RefOr<Schema>>,
    /// Success status, media type and schema (`None`: documented as any 2xx).
    pub ok: Option<(u16, &'static str, Option<RefOr<Schema>>)>,
    /// Needs a signed-in session (cookie).
    pub signed_in: bool,
    /// Component schemas the above refer to.
    pub schemas: Schemas,
}

impl Doc {
    fn collect<T: ToSchema>(&mut self) -> RefOr<Schema> {
        T::schemas(&mut self.schemas);
        T::schema()
    }

    /// The success answer: `status`, JSON of `T`.
    pub fn json<T: ToSchema>(&mut self, status: u16) {
        let schema = self.collect::<T>();
        self.ok = Some((status, "application/json", Some(schema)));
    }
}

/// An extractor's part in the description.
pub trait DescribeArg {
    fn describe(_doc: &mut Doc) {}
}

impl DescribeArg for HttpRequest {}
impl DescribeArg for web::Data<AppState> {}
impl DescribeArg for web::Payload {}
impl<T> DescribeArg for web::Path<T> {}

/// The extractors that need a signed-in user.
macro_rules! signed_in {
    ($($t:ty),*) => {$(
        impl DescribeArg for $t {
            fn describe(doc: &mut Doc) {
                doc.signed_in = true;
            }
        }
    )*};
}
signed_in!(AuthUser, PartialUser, SignedIn);

impl<T: ToSchema> DescribeArg for crate::json::Json<T> {
    fn describe(doc: &mut Doc) {
        let schema = doc.collect::<T>();
        doc.body = Some(("application/json", schema));
    }
}

impl<T: ToSchema> DescribeArg for web::Query<T> {
    fn describe(doc: &mut Doc) {
        let schema = doc.collect::<T>();
        doc.query = Some(schema);
    }
}

impl DescribeArg for web::Bytes {
    fn describe(doc: &mut Doc) {
        let binary = ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::Custom("binary".into())))
            .build();
        doc.body = Some(("application/octet-stream", binary.into()));
    }
}

/// All of a handler's extractors.
pub trait DescribeArgs {
    fn describe(doc: &mut Doc);
}

macro_rules! describe_tuple {
    ($($t:ident),*) => {
        impl<$($t: DescribeArg),*> DescribeArgs for ($($t,)*) {
            #[allow(unused_variables)]
            fn describe(doc: &mut Doc) {
                $($t::describe(doc);)*
            }
        }
    };
}
describe_tuple!();
describe_tuple!(A);
describe_tuple!(A, B);
describe_tuple!(A, B, C);
describe_tuple!(A, B, C, D);
describe_tuple!(A, B, C, D, E);
describe_tuple!(A, B, C, D, E, F);

/// A handler's answer.
pub trait DescribeOutput {
    fn describe(_doc: &mut Doc) {}
}

impl<T: ToSchema> DescribeOutput for web::Json<T> {
    fn describe(doc: &mut Doc) {
        doc.json::<T>(200);
    }
}

/// Said by the route with `returns` (201 with a body, 204, a file, a stream).
impl DescribeOutput for HttpResponse {}

impl<T: DescribeOutput> DescribeOutput for Result<T, ApiError> {
    fn describe(doc: &mut Doc) {
        T::describe(doc);
    }
}

fn method(m: &Method) -> HttpMethod {
    match *m {
        Method::POST => HttpMethod::Post,
        Method::PUT => HttpMethod::Put,
        Method::DELETE => HttpMethod::Delete,
        Method::PATCH => HttpMethod::Patch,
        _ => HttpMethod::Get,
    }
}

/// The query object's properties as query parameters.
fn query_parameters(schema: &RefOr<Schema>) -> Vec<utoipa::openapi::path::Parameter> {
    let RefOr::T(Schema::Object(object)) = schema else {
        return Vec::new();
    };
    object
        .properties
        .iter()
        .map(|(name, property)| {
            let required = object.required.contains(name);
            ParameterBuilder::new()
                .name(name)
                .parameter_in(ParameterIn::Query)
                .required(if required {
                    Required::True
                } else {
                    Required::False
                })
                .schema(Some(property.clone()))
                .build()
        })
        .collect()
}

fn uuid_parameter(name: &str) -> utoipa::openapi::path::Parameter {
    let uuid = ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid)))
        .build();
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Path)
        .required(Required::True)
        .schema(Some(uuid))
        .build()
}

/// The CSRF header every state-changing request must carry.
fn csrf_parameter() -> utoipa::openapi::path::Parameter {
    let value = ObjectBuilder::new()
        .schema_type(SchemaType::new(Type::String))
        .enum_values(Some([CSRF_VALUE]))
        .build();
    ParameterBuilder::new()
        .name(CSRF_HEADER)
        .parameter_in(ParameterIn::Header)
        .required(Required::True)
        .description(Some(
            "Must be `1`: a cross-site form or fetch cannot send it (CSRF defence).",
        ))
        .schema(Some(value))
        .build()
}

/// `/api/cases/{id}/moves` → OpenAPI path and its parameter names.
fn path_and_parameters(pattern: &str) -> (String, Vec<String>) {
    let names = pattern
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect();
    let path = if pattern.is_empty() { "/" } else { pattern };
    (path.to_owned(), names)
}

/// The whole description.
pub fn document(routes: &[(Method, String, Doc)]) -> OpenApi {
    let mut paths = PathsBuilder::new();
    let mut schemas: Schemas = Vec::new();
    ApiErrorBody::schemas(&mut schemas);
    schemas.push((ApiErrorBody::name().into_owned(), ApiErrorBody::schema()));
    for (verb, pattern, doc) in routes {
        let (path, names) = path_and_parameters(pattern);
        let tag = pattern
            .trim_start_matches("/api/")
            .split('/')
            .next()
            .unwrap_or("api")
            .to_owned();
        let mut operation = OperationBuilder::new()
            .operation_id(Some(format!("{} {pattern}", verb.as_str())))
            .tag(tag);
        for name in &names {
            operation = operation.parameter(uuid_parameter(name));
        }
        if let Some(query) = &doc.query {
            operation = operation.parameters(Some(query_parameters(query)));
        }
        if !matches!(*verb, Method::GET | Method::HEAD) {
            operation = operation.parameter(csrf_parameter());
        }
        if let Some((media, schema)) = &doc.body {
            operation = operation.request_body(Some(
                RequestBodyBuilder::new()
                    .content(*media, Content::new(Some(schema.clone())))
                    .required(Some(Required::True))
                    .build(),
            ));
        }
        let success = match &doc.ok {
            Some((status, media, Some(schema))) => (
                status.to_string(),
                ResponseBuilder::new()
                    .description("Success")
                    .content(*media, Content::new(Some(schema.clone())))
                    .build(),
            ),
            Some((status, _, None)) => (
                status.to_string(),
                ResponseBuilder::new().description("Success").build(),
            ),
            None => (
                "2XX".to_owned(),
                ResponseBuilder::new().description("Success").build(),
            ),
        };
        let error = ResponseBuilder::new()
            .description("Error: status, machine code and a sentence for people")
            .content(
                "application/json",
                Content::new(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                    ApiErrorBody::name(),
                )))),
            )
            .build();
        operation = operation
            .response(success.0, success.1)
            .response("default", error);
        if doc.signed_in {
            operation =
                operation.security(SecurityRequirement::new("session", Vec::<String>::new()));
        }
        paths = paths.path(path, PathItem::new(method(verb), operation.build()));
        schemas.extend(doc.schemas.iter().cloned());
    }
    schemas.sort_by(|a, b| a.0.cmp(&b.0));
    schemas.dedup_by(|a, b| a.0 == b.0);
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("Zorgroute API")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(
                    "The API of Zorgroute: sociale kaart (map, HSDS 3.0), casusbord (cases), \
                     ondersteuningspiramide-planner (planner), accounts (auth, admin). Sign in \
                     with POST /api/auth/login; the session travels in HttpOnly cookies. Every \
                     error has the same JSON body.",
                ))
                .build(),
        )
        .paths(paths.build())
        .components(Some(
            ComponentsBuilder::new()
                .schemas_from_iter(schemas)
                .security_scheme(
                    "session",
                    SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(
                        crate::auth::cookies::ACCESS_COOKIE,
                    ))),
                )
                .build(),
        ))
        .build()
}

/// `GET /api/openapi.json`
pub async fn serve() -> HttpResponse {
    HttpResponse::Ok().json(document(&crate::startup::all_docs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_described_and_every_reference_resolves() {
        let routes = crate::startup::all_docs();
        let doc = document(&routes);
        let json = serde_json::to_value(&doc).unwrap();
        for (verb, pattern, _) in &routes {
            let (path, _) = path_and_parameters(pattern);
            let op = &json["paths"][&path][verb.as_str().to_lowercase()];
            assert!(op.is_object(), "{verb} {pattern} is not in the description");
        }
        let text = json.to_string();
        let components = &json["components"]["schemas"];
        for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
            let name = reference.split('"').next().unwrap();
            assert!(components[name].is_object(), "dangling reference to {name}");
        }
        let login = &json["paths"]["/api/auth/login"]["post"];
        assert!(login["requestBody"]["content"]["application/json"]["schema"].is_object());
        assert_eq!(
            login["responses"]["200"]["content"]["application/json"]["schema"]["$ref"],
            serde_json::Value::Null,
            "inline"
        );
        let moves = &json["paths"]["/api/cases/{id}/moves"]["post"];
        assert!(
            moves["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["name"] == CSRF_HEADER)
        );
    }
}

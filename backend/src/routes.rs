//! A route table that registers and remembers: a module adds its routes through it, so tests can
//! enumerate exactly the routes the app serves (a new route cannot slip past the access-log and
//! authorisation tests, which iterate this list).
//! Each route's OpenAPI description is read off its handler's signature on the way in.
use crate::openapi::{DescribeArgs, DescribeOutput, Doc};
use actix_web::http::Method;
use actix_web::{FromRequest, Handler, Responder, web};
use utoipa::ToSchema;

type Register = Box<dyn FnOnce(&mut web::ServiceConfig)>;

pub struct Routes {
    path: String,
    list: Vec<(Method, String)>,
    docs: Vec<Doc>,
    register: Vec<Register>,
}

fn describe<Args: DescribeArgs, Output: DescribeOutput>() -> Doc {
    let mut doc = Doc::default();
    Args::describe(&mut doc);
    Output::describe(&mut doc);
    doc
}

impl Routes {
    /// Routes under `path` inside `/api` ("" for routes directly under `/api`).
    pub fn new(path: &str) -> Self {
        Self {
            path: path.to_owned(),
            list: Vec::new(),
            docs: Vec::new(),
            register: Vec::new(),
        }
    }

    pub fn add<F, Args>(self, method: Method, path: &str, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + DescribeArgs + 'static,
        F::Output: Responder + DescribeOutput + 'static,
    {
        let route = path.to_owned();
        let verb = method.clone();
        let doc = describe::<Args, F::Output>();
        self.push(method, path, doc, move |cfg| {
            cfg.route(&route, web::method(verb).to(handler));
        })
    }

    /// A route whose body may be larger than the API's default limit (imports).
    pub fn add_large<F, Args>(self, method: Method, path: &str, limit: usize, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + DescribeArgs + 'static,
        F::Output: Responder + DescribeOutput + 'static,
    {
        let route = path.to_owned();
        let verb = method.clone();
        let doc = describe::<Args, F::Output>();
        self.push(method, path, doc, move |cfg| {
            cfg.service(
                web::resource(&route)
                    .app_data(web::PayloadConfig::new(limit))
                    .route(web::method(verb).to(handler)),
            );
        })
    }

    fn push(
        mut self,
        method: Method,
        path: &str,
        doc: Doc,
        register: impl FnOnce(&mut web::ServiceConfig) + 'static,
    ) -> Self {
        self.list.push((method, format!("/api{}{path}", self.path)));
        self.docs.push(doc);
        self.register.push(Box::new(register));
        self
    }

    fn last_doc(&mut self) -> Option<&mut Doc> {
        self.docs.last_mut()
    }

    /// The last route answers `status` with JSON of `T` (for handlers that build the response).
    pub fn returns<T: ToSchema>(mut self, status: u16) -> Self {
        if let Some(doc) = self.last_doc() {
            doc.json::<T>(status);
        }
        self
    }

    /// The last route answers `status` with a body of `media` (a file, CSV, a stream) or, for
    /// `None`, without a body.
    pub fn returns_raw(mut self, status: u16, media: Option<&'static str>) -> Self {
        if let Some(doc) = self.last_doc() {
            doc.ok = Some((status, media.unwrap_or("none"), None));
        }
        self
    }

    /// Every route: method and full path pattern (`/api/cases/{id}/moves`).
    pub fn list(&self) -> &[(Method, String)] {
        &self.list
    }

    /// Every route with its description.
    pub fn docs(&self) -> Vec<(Method, String, Doc)> {
        self.list
            .iter()
            .zip(&self.docs)
            .map(|((m, p), d)| (m.clone(), p.clone(), d.clone()))
            .collect()
    }

    /// The routes as one scope at the path given to [`Routes::new`].
    pub fn into_scope(self) -> actix_web::Scope {
        let register = self.register;
        web::scope(&self.path).configure(move |cfg| {
            for r in register {
                r(cfg);
            }
        })
    }

    /// The routes added straight to `cfg`, without a scope.
    pub fn configure(self, cfg: &mut web::ServiceConfig) {
        for r in self.register {
            r(cfg);
        }
    }
}

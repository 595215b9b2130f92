//! A route table that registers and remembers: a module adds its routes through it, so tests can
//! enumerate exactly the routes the app serves (a new route cannot slip past the access-log and
//! authorisation tests, which iterate this list).
use actix_web::http::Method;
use actix_web::{FromRequest, Handler, Responder, web};

pub struct Routes {
    scope: actix_web::Scope,
    prefix: String,
    list: Vec<(Method, String)>,
}

impl Routes {
    /// A scope at `path` inside `/api`.
    pub fn new(path: &str) -> Self {
        Self {
            scope: web::scope(path),
            prefix: format!("/api{path}"),
            list: Vec::new(),
        }
    }

    pub fn add<F, Args>(mut self, method: Method, path: &str, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        self.list
            .push((method.clone(), format!("{}{path}", self.prefix)));
        self.scope = self.scope.route(path, web::method(method).to(handler));
        self
    }

    /// Every route: method and full path pattern (`/api/cases/{id}/moves`).
    pub fn list(&self) -> &[(Method, String)] {
        &self.list
    }

    pub fn into_scope(self) -> actix_web::Scope {
        self.scope
    }
}

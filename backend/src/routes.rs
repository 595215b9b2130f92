//! A route table that registers and remembers: a module adds its routes through it, so tests can
//! enumerate exactly the routes the app serves (a new route cannot slip past the access-log and
//! authorisation tests, which iterate this list).
use actix_web::http::Method;
use actix_web::{FromRequest, Handler, Responder, web};

type Register = Box<dyn FnOnce(&mut web::ServiceConfig)>;

pub struct Routes {
    path: String,
    list: Vec<(Method, String)>,
    register: Vec<Register>,
}

impl Routes {
    /// Routes under `path` inside `/api` ("" for routes directly under `/api`).
    pub fn new(path: &str) -> Self {
        Self {
            path: path.to_owned(),
            list: Vec::new(),
            register: Vec::new(),
        }
    }

    pub fn add<F, Args>(self, method: Method, path: &str, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let route = path.to_owned();
        let verb = method.clone();
        self.push(method, path, move |cfg| {
            cfg.route(&route, web::method(verb).to(handler));
        })
    }

    /// A route whose body may be larger than the API's default limit (imports).
    pub fn add_large<F, Args>(self, method: Method, path: &str, limit: usize, handler: F) -> Self
    where
        F: Handler<Args>,
        Args: FromRequest + 'static,
        F::Output: Responder + 'static,
    {
        let route = path.to_owned();
        let verb = method.clone();
        self.push(method, path, move |cfg| {
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
        register: impl FnOnce(&mut web::ServiceConfig) + 'static,
    ) -> Self {
        self.list.push((method, format!("/api{}{path}", self.path)));
        self.register.push(Box::new(register));
        self
    }

    /// Every route: method and full path pattern (`/api/cases/{id}/moves`).
    pub fn list(&self) -> &[(Method, String)] {
        &self.list
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

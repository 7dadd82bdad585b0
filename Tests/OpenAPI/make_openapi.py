#!/usr/bin/env python3
"""Writes Sources/GridwatchServe/openapi.json, the OpenAPI 3.1 document of `gridwatch serve`.

Edit here, run `python3 Tests/OpenAPI/make_openapi.py`, and commit both files.
ServeOpenAPITests checks the committed document against the routes; CI runs
schemathesis against a live server with it.
"""
import json, os

CATEGORIES = ["dispute.labour", "dispute.property", "dispute.land", "dispute.contract", "dispute.family",
              "dispute.neighbour", "dispute.other", "petition", "hazard.safety", "hazard.fire",
              "hazard.building", "hazard.other", "service"]
STATES = ["reported", "accepted", "dispatched", "in-progress", "resolved", "closed", "archived", "voided", "merged", "reopened"]

# w3 date-times with a zone, from 1970 (gridwatch keeps no earlier times). Empty is allowed
# everywhere a parameter is optional: Open311 treats an empty parameter as an absent one.
DATE = r"^$|^(19[7-9][0-9]|[2-9][0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,3})?)?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$"
def listof(words): return "^$|^(" + "|".join(w.replace(".", "\\.") for w in words) + ")(,(" + "|".join(w.replace(".", "\\.") for w in words) + "))*$"
UNIT = r"^[0-9A-Za-z-]{1,32}$"

def ref(name): return {"$ref": f"#/components/schemas/{name}"}
def json_body(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}

def errors(family, statuses, extra=None):
    schema = ref("Open311Errors") if family == "open311" else ref("ApiErrors")
    text = {
        400: "The request is malformed; the description names the field.",
        403: "No API key, an unknown key, or a key whose scope does not cover this (a refused change is recorded as an accessDenied event).",
        404: "No such resource, or none the key may see.",
        405: "The method is not allowed on this path (see Allow).",
        409: "The order is not in a state that allows this change.",
        412: "The order changed since the version in If-Match; the body holds the order as it now stands.",
        413: "The body is over the limit (64 KiB by default).",
        415: "The body is neither a form nor JSON.",
        428: "If-Match is required on a change.",
        429: "Too many requests from this key (see Retry-After).",
        503: "The store is unreachable; nothing was written (see Retry-After).",
    }
    out = {}
    for s in statuses:
        r = json_body(schema, text[s])
        if s in (429, 503):
            r["headers"] = {"Retry-After": {"schema": {"type": "string"}, "description": "Seconds to wait."}}
        if s == 405:
            r["headers"] = {"Allow": {"schema": {"type": "string"}, "description": "The methods allowed."}}
        out[str(s)] = r
    return out

KEY_PARAM = {"name": "api_key", "in": "query", "required": False, "schema": {"type": "string"},
             "description": "The caller's key, if not sent as Authorization: Bearer."}
SECURITY = [{"bearer": []}, {"apiKeyQuery": []}]
COMMON_READ = [400, 403, 404, 405, 429, 503]

def page_params():
    return [
        {"name": "page", "in": "query", "schema": {"type": "string", "pattern": "^$|^[1-9][0-9]{0,5}$"}, "description": "Page, from 1 (a whole number; empty is absent)."},
        {"name": "page_size", "in": "query", "schema": {"type": "string", "pattern": "^$|^([1-9][0-9]{0,2}|1000)$"}, "description": "Rows a page, 1-1000 (default 50)."},
        {"name": "updated_after", "in": "query", "schema": {"type": "string", "pattern": DATE}, "description": "Only what changed after this time."},
    ]

def order_change(change, field, summary, required=False):
    text = {"type": "string", "maxLength": 1000}
    if required:
        text = {**text, "minLength": 1, "pattern": "\\S"}
    body = {"type": "object", "additionalProperties": False, "properties": {field: text, "api_key": {"type": "string"}}}
    if required:
        body["required"] = [field]
    return {"post": {
        "operationId": f"order_{change}", "summary": summary, "tags": ["orders"], "security": SECURITY,
        "parameters": [
            {"name": "n", "in": "path", "required": True, "schema": {"type": "string"}, "example": "GW000001", "description": "The case number, e.g. GW000123."},
            {"name": "If-Match", "in": "header", "required": True, "schema": {"type": "string", "pattern": '^(W/)?("[0-9]{1,9}"|[0-9]{1,9})$'},
             "description": "The order's version, as its ETag gave it: \"3\"."},
            KEY_PARAM,
        ],
        "requestBody": {"required": required, "content": {
            "application/json": {"schema": body},
            "application/x-www-form-urlencoded": {"schema": body},
        }},
        "responses": {
            "200": {**json_body(ref("Order"), "The order after the change."),
                    "headers": {"ETag": {"schema": {"type": "string"}, "description": "The new version."}}},
            **errors("api", [400, 403, 404, 405, 409, 412, 413, 415, 428, 429, 503]),
        },
    }}

doc = {
    "openapi": "3.1.0",
    "info": {
        "title": "gridwatch serve",
        "version": "0.1.0",
        "description": "Open311 GeoReport v2 intake (JSON) and the work-order exchange for department platforms, "
                       "over one gridwatch store. Callers are named by the [[key]] tables of the access policy. "
                       "Open311 errors are the spec's array of {code, description}; /api/v1 errors are {errors: [...]}.",
    },
    "servers": [{"url": "/"}],
    "components": {
        "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer", "description": "Authorization: Bearer KEY"},
            "apiKeyQuery": {"type": "apiKey", "in": "query", "name": "api_key"},
        },
        "schemas": {
            "Error": {"type": "object", "required": ["code", "description"],
                      "properties": {"code": {"type": "integer"}, "description": {"type": "string"}}},
            "Open311Errors": {"type": "array", "items": ref("Error"), "minItems": 1},
            "ApiErrors": {"type": "object", "required": ["errors"],
                          "properties": {"errors": {"type": "array", "items": ref("Error"), "minItems": 1}, "order": ref("Order")}},
            "Service": {"type": "object", "required": ["service_code", "service_name", "metadata", "type"],
                        "properties": {"service_code": {"type": "string"}, "service_name": {"type": "string"},
                                       "description": {"type": "string"}, "metadata": {"type": "boolean"},
                                       "type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
                                       "keywords": {"type": "string"}, "group": {"type": "string"}}},
            "ServiceDefinition": {"type": "object", "required": ["service_code", "attributes"],
                "properties": {"service_code": {"type": "string"}, "attributes": {"type": "array", "items": {
                    "type": "object", "required": ["variable", "code", "datatype", "required", "order", "description"],
                    "properties": {"variable": {"type": "boolean"}, "code": {"type": "string"},
                                   "datatype": {"type": "string", "enum": ["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]},
                                   "required": {"type": "boolean"}, "datatype_description": {"type": "string"},
                                   "order": {"type": "integer"}, "description": {"type": "string"},
                                   "values": {"type": "array", "items": {"type": "object", "properties": {"key": {"type": "string"}, "name": {"type": "string"}}}}}}}}},
            "PostedRequest": {"type": "object", "required": ["service_request_id"],
                              "properties": {"service_request_id": {"type": "string"}, "service_notice": {"type": "string"},
                                             "account_id": {"type": ["string", "null"]}}},
            "ServiceRequest": {"type": "object", "required": ["service_request_id", "status", "service_code", "requested_datetime"],
                "properties": {
                    "service_request_id": {"type": "string"}, "status": {"type": "string", "enum": ["open", "closed"]},
                    "status_notes": {"type": "string"}, "service_name": {"type": "string"}, "service_code": {"type": "string"},
                    "description": {"type": "string"}, "agency_responsible": {"type": "string"}, "service_notice": {"type": "string"},
                    "requested_datetime": {"type": "string", "format": "date-time"},
                    "updated_datetime": {"type": "string", "format": "date-time"},
                    "expected_datetime": {"type": ["string", "null"], "format": "date-time"},
                    "address": {"type": "string"}, "address_id": {"type": "string"},
                    "zipcode": {"type": "null"}, "lat": {"type": "null"}, "long": {"type": "null"}, "media_url": {"type": "null"}}},
            "Order": {"type": "object", "required": ["number", "version", "role", "state"],
                "properties": {
                    "number": {"type": "string"}, "version": {"type": "integer"},
                    "role": {"type": "string", "enum": ["lead", "assisting", "none"]},
                    "state": {"type": "string", "enum": STATES}, "state_zh": {"type": "string"},
                    "category": {"type": "string"}, "level": {"type": "string", "enum": ["red", "orange", "yellow", "blue"]},
                    "title": {"type": "string"}, "detail": {"type": "string"}, "people": {"type": "integer"},
                    "location": {"type": "string"}, "address": {"type": "string"}, "owner": {"type": "string"},
                    "lead": {"type": ["string", "null"]}, "assisting": {"type": "array", "items": {"type": "string"}},
                    "reported_at": {"type": "string", "format": "date-time"}, "due_at": {"type": "string", "format": "date-time"},
                    "overdue": {"type": "boolean"}, "supervision": {"type": "string"},
                    "updated_at": {"type": "string", "format": "date-time"}}},
            "OrderList": {"type": "object", "required": ["orders", "page", "page_size", "total"],
                          "properties": {"orders": {"type": "array", "items": ref("Order")}, "page": {"type": "integer"},
                                         "page_size": {"type": "integer"}, "total": {"type": "integer"}}},
        },
    },
    "paths": {
        "/healthz": {"get": {"operationId": "healthz", "summary": "The process is up.", "tags": ["operations"],
                             "responses": {"200": json_body({"type": "object"}, "Up."), **errors("plain", [405])}}},
        "/readyz": {"get": {"operationId": "readyz", "summary": "The store answers.", "tags": ["operations"],
                            "responses": {"200": json_body({"type": "object"}, "Ready."), **errors("plain", [405, 503])}}},
        "/metrics": {"get": {"operationId": "metrics", "summary": "Prometheus text format.", "tags": ["operations"],
                             "responses": {"200": {"description": "Metrics.", "content": {"text/plain": {"schema": {"type": "string"}}}},
                                           **errors("plain", [405])}}},
        "/openapi.json": {"get": {"operationId": "openapi", "summary": "This document.", "tags": ["operations"],
                                  "responses": {"200": json_body({"type": "object"}, "The document."), **errors("plain", [405])}}},
        "/open311/v2/services.json": {"get": {
            "operationId": "services", "summary": "The service list: one service per case category.", "tags": ["open311"],
            "responses": {"200": json_body({"type": "array", "items": ref("Service")}, "Services."), **errors("open311", [405, 429])}}},
        "/open311/v2/services/{service_code}.json": {"get": {
            "operationId": "service_definition", "summary": "A service's attributes.", "tags": ["open311"],
            "parameters": [{"name": "service_code", "in": "path", "required": True, "schema": {"type": "string"}, "example": "dispute.labour"}],
            "responses": {"200": json_body(ref("ServiceDefinition"), "The definition."), **errors("open311", [404, 405, 429])}}},
        "/open311/v2/requests.json": {
            "get": {
                "operationId": "requests", "summary": "Requests the key may see, newest first.", "tags": ["open311"],
                "security": SECURITY,
                "parameters": [
                    {"name": "service_request_id", "in": "query", "schema": {"type": "string"}, "description": "Comma-separated ids; overrides the rest."},
                    {"name": "service_code", "in": "query", "schema": {"type": "string"}, "description": "Comma-separated codes."},
                    {"name": "status", "in": "query", "schema": {"type": "string", "pattern": listof(["open", "closed"])}, "description": "open, closed, or both comma-separated."},
                    {"name": "start_date", "in": "query", "schema": {"type": "string", "pattern": DATE},
                     "description": "With end_date, a window of at most 90 days (400 beyond it, as the spec says); default the 90 days before end_date or now."},
                    {"name": "end_date", "in": "query", "schema": {"type": "string", "pattern": DATE}},
                    *page_params(), KEY_PARAM,
                ],
                "responses": {"200": json_body({"type": "array", "items": ref("ServiceRequest")}, "Requests."), **errors("open311", COMMON_READ)},
            },
            "post": {
                "operationId": "post_request", "summary": "Report a request; answered once it is durable.", "tags": ["open311"],
                "security": SECURITY,
                "parameters": [{"name": "Idempotency-Key", "in": "header", "required": False, "schema": {"type": "string", "maxLength": 60},
                                "description": "A retry with the same key answers the first request."}],
                "requestBody": {"required": True, "content": {
                    "application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["service_code", "address_id", "attribute[level]", "description"],
                        "additionalProperties": False,
                        "properties": {
                            "api_key": {"type": "string"}, "jurisdiction_id": {"type": "string"}, "device_id": {"type": "string"},
                            "address_string": {"type": "string"}, "media_url": {"type": "string"},
                            "lat": {"type": "number"}, "long": {"type": "number"},
                            "service_code": {"type": "string", "enum": CATEGORIES},
                            "address_id": {"type": "string", "pattern": UNIT, "description": "The unit code of the grid or village."},
                            "description": {"type": "string", "maxLength": 4000, "pattern": "\\S"},
                            "first_name": {"type": "string"}, "last_name": {"type": "string"}, "phone": {"type": "string"},
                            "email": {"type": "string"}, "account_id": {"type": "string"},
                            "attribute[level]": {"type": "string", "enum": ["red", "orange", "yellow", "blue"]},
                            "attribute[title]": {"type": "string", "maxLength": 200},
                            "attribute[people]": {"type": "integer", "minimum": 0, "maximum": 1000000},
                            "attribute[request_type]": {"type": "string", "enum": ["consult", "help", "complaint", "suggestion", "report"]},
                            "attribute[external_id]": {"type": "string", "maxLength": 60},
                        }}},
                    "application/json": {"schema": {"type": "object", "required": ["service_code", "address_id", "attribute", "description"],
                        "additionalProperties": False,
                        "properties": {
                            "api_key": {"type": "string"}, "jurisdiction_id": {"type": "string"},
                            "first_name": {"type": "string"}, "last_name": {"type": "string"},
                            "phone": {"type": "string"}, "email": {"type": "string"},
                            "account_id": {"type": "string"}, "device_id": {"type": "string"},
                            "address_string": {"type": "string"}, "media_url": {"type": "string"},
                            "lat": {"type": "number"}, "long": {"type": "number"},
                            "service_code": {"type": "string", "enum": CATEGORIES},
                            "address_id": {"type": "string", "pattern": UNIT},
                            "description": {"type": "string", "maxLength": 4000, "pattern": "\\S"},
                            "attribute": {"type": "object", "required": ["level"], "additionalProperties": False, "properties": {
                                "level": {"type": "string", "enum": ["red", "orange", "yellow", "blue"]},
                                "title": {"type": "string", "maxLength": 200},
                                "people": {"type": "integer", "minimum": 0, "maximum": 1000000},
                                "request_type": {"type": "string", "enum": ["consult", "help", "complaint", "suggestion", "report"]},
                                "external_id": {"type": "string", "maxLength": 60}}}}}},
                }},
                "responses": {
                    "201": json_body({"type": "array", "items": ref("PostedRequest")}, "Recorded."),
                    "200": {**json_body({"type": "array", "items": ref("PostedRequest")}, "A retry: the first request, nothing new recorded."),
                            "headers": {"Idempotent-Replayed": {"schema": {"type": "string"}}}},
                    **errors("open311", [400, 403, 404, 405, 413, 415, 429, 503]),
                },
            },
        },
        "/open311/v2/requests/{service_request_id}.json": {"get": {
            "operationId": "request", "summary": "One request, as a one-element array.", "tags": ["open311"], "security": SECURITY,
            "parameters": [{"name": "service_request_id", "in": "path", "required": True, "schema": {"type": "string"}, "example": "GW000001"}, KEY_PARAM],
            "responses": {"200": json_body({"type": "array", "items": ref("ServiceRequest"), "minItems": 1, "maxItems": 1}, "The request."),
                          **errors("open311", COMMON_READ)}}},
        "/api/v1/orders": {"get": {
            "operationId": "orders", "summary": "Orders dispatched to the key's agency, newest first.", "tags": ["orders"], "security": SECURITY,
            "parameters": [
                {"name": "state", "in": "query", "schema": {"type": "string", "pattern": listof(STATES)}, "description": "Comma-separated states."},
                {"name": "role", "in": "query", "schema": {"type": "string", "pattern": "^$|^(lead|assisting)$"}, "description": "lead or assisting; empty is absent."},
                *page_params(), KEY_PARAM,
            ],
            "responses": {"200": json_body(ref("OrderList"), "Orders."), **errors("api", COMMON_READ)}}},
        "/api/v1/orders/{n}": {"get": {
            "operationId": "order", "summary": "One order; its version is the ETag.", "tags": ["orders"], "security": SECURITY,
            "parameters": [{"name": "n", "in": "path", "required": True, "schema": {"type": "string"}, "example": "GW000001"}, KEY_PARAM],
            "responses": {"200": {**json_body(ref("Order"), "The order."), "headers": {"ETag": {"schema": {"type": "string"}}}},
                          **errors("api", COMMON_READ)}}},
        "/api/v1/orders/{n}/sign": order_change("sign", "note", "Sign for an order (签收)."),
        "/api/v1/orders/{n}/return": order_change("return", "reason", "Return an order that is not the agency's (退单); reason required.", True),
        "/api/v1/orders/{n}/resolve": order_change("resolve", "note", "Report an order done (办结)."),
        "/api/v1/orders/{n}/note": order_change("note", "note", "Add a progress note (备注); note required.", True),
        "/api/v1/events": {"get": {
            "operationId": "events", "summary": "The key's events after `since`, as JSON Lines; waits up to `wait` s for new ones.",
            "tags": ["orders"], "security": SECURITY,
            "parameters": [
                {"name": "since", "in": "query", "schema": {"type": "string", "pattern": "^$|^[0-9]{1,15}$"}, "description": "The last sequence number seen (Gridwatch-Next-Since); default 0."},
                {"name": "wait", "in": "query", "schema": {"type": "string", "pattern": "^$|^[0-9]{1,2}$"},
                 "description": "Seconds to wait for something new; the service may answer sooner (its --max-wait)."},
                KEY_PARAM,
            ],
            "responses": {"200": {"description": "One JSON object a line.",
                                  "headers": {"Gridwatch-Next-Since": {"schema": {"type": "string"}, "description": "Where to go on from."}},
                                  "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
                          **errors("api", COMMON_READ)}}},
    },
}

out = os.path.join(os.path.dirname(__file__), "..", "..", "Sources", "GridwatchServe", "openapi.json")
with open(out, "w", encoding="utf-8") as f:
    json.dump(doc, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"wrote {os.path.normpath(out)}")

#pragma once
// Engine errors on the Docker API wire: one table from Code to HTTP status,
// and the body Docker clients print, {"message": "..."}.

#include "http/message.h"

namespace muelle::engine::rest {

int httpStatus(Code code);
http::Response errorResponse(const Error &error);

} // namespace muelle::engine::rest

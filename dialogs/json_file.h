// Reading a content file and reporting problems in it by file and JSON path.
//
//   nlohmann::json doc;
//   Status s = ReadJsonFile(dir, "flow.json", &doc);
//   ContentError err{"flow.json"};
//   return err.At("/questions/0/ask", "missing response 'ask_where'");
//   // InvalidArgument "flow.json:/questions/0/ask: missing response 'ask_where'"
#ifndef KNEEBOT_DIALOGS_JSON_FILE_H_
#define KNEEBOT_DIALOGS_JSON_FILE_H_

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "bot/status.h"
#include "intents/data_loader.h"

namespace kneebot {

// Reads `dir`/`name` and parses it. InvalidArgument "<name>: ..." when the file is
// missing, unreadable, not JSON, or lacks "schema": 1. The content files of dialogs/
// and intents/ are read and reported the same way, by intents/data_loader.h.
inline Status ReadJsonFile(const std::string& dir, const std::string& name,
                           nlohmann::json* out) {
  return intents::ReadDataFile(dir, name, out);
}

// Builds errors that name the file and the JSON pointer of the problem.
using ContentError = intents::DataError;

// Checks that doc[pointer] exists and has the type; on failure returns the error.
// `kind` is one of "object", "array", "string", "integer", "number", "boolean".
Status Require(const ContentError& err, const nlohmann::json& doc,
               const std::string& pointer, std::string_view kind);

// Every content file says which content version it belongs to and who reviewed it:
//   "content_version": "2026-12-04.1",
//   "review": {"status": "draft", "by": "kneebot team", "on": "2026-12-04", "note": "..."}
// `status` is "draft" (not yet signed off by a clinician) or "approved". All files of one
// content set carry the same version: InvalidArgument naming the file that differs.
// `expected_version` empty accepts any version (the first file read sets it).
Status CheckProvenance(const ContentError& err, const nlohmann::json& doc,
                       const std::string& expected_version);

}  // namespace kneebot

#endif  // KNEEBOT_DIALOGS_JSON_FILE_H_

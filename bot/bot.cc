#include "bot/bot.h"

#include <cctype>
#include <optional>
#include <string_view>

#include <chrono>

#include <openssl/rand.h>

#include <array>
#include <stdexcept>
#include <utility>

namespace kneebot {

namespace {

// "2", " 2 ", "2." -> 2: a reply that is only an option's number.
std::optional<size_t> OptionNumber(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && (std::isspace(static_cast<unsigned char>(text.back())) ||
                           text.back() == '.' || text.back() == ')')) {
    text.remove_suffix(1);
  }
  if (text.empty() || text.size() > 2) return std::nullopt;
  size_t n = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  return n;
}

}  // namespace

std::string NewSessionId() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    // Without randomness a session id would be guessable; refuse rather than degrade.
    throw std::runtime_error("RAND_bytes failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id;
  id.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    id.push_back(kHex[b >> 4]);
    id.push_back(kHex[b & 0xf]);
  }
  return id;
}

Bot::Bot(std::shared_ptr<const Understander> understander,
         std::shared_ptr<const DialogEngine> engine, SessionStore* store,
         const Clock* clock)
    : understander_(std::move(understander)),
      engine_(std::move(engine)),
      store_(store),
      clock_(clock) {}

Status Bot::OnTurn(const Activity& in, Reply* reply, TurnInfo* info) {
  Status s = RunOnce(in, reply, info);
  if (s.IsConflict()) {
    // Another turn of the same session was saved in between: redo ours on its result.
    Activity again = in;
    again.session_id = info->session_id;
    *reply = Reply();
    *info = TurnInfo();
    s = RunOnce(again, reply, info);
  }
  return s;
}

Status Bot::RunOnce(const Activity& in, Reply* reply, TurnInfo* info) {
  Session session;
  bool found = false;
  if (!in.session_id.empty()) {
    Status load = store_->Load(in.session_id, &session);
    if (load.ok()) {
      found = true;
    } else if (!load.IsNotFound()) {
      return load;
    }
  }
  if (!found) {
    session = Session();
    session.id = in.open_with_session_id && !in.session_id.empty() ? in.session_id
                                                                    : NewSessionId();
    session.locale = in.locale.empty() ? "en" : in.locale;
    session.created_at = clock_->Now();
    info->new_session = true;
  }
  info->session_id = session.id;

  switch (in.type) {
    case ActivityType::kHello:
      if (found) {
        info->resumed = true;
        *reply = engine_->Resume(&session);
      } else {
        *reply = engine_->Greet(&session);
      }
      break;
    case ActivityType::kRestart:
      *reply = found ? engine_->Restart(&session) : engine_->Greet(&session);
      break;
    case ActivityType::kMessage: {
      // The day in UTC: "since tuesday" counts back from it. Near midnight the person's
      // own day may differ by one; the duration is then a day off, never unread.
      const auto day = std::chrono::floor<std::chrono::days>(clock_->Now());
      const auto today = static_cast<Weekday>(std::chrono::weekday(day).c_encoding());
      std::string text = in.text;
      if (in.options_by_number) {
        if (std::optional<size_t> n = OptionNumber(text); n && *n >= 1 && *n <= session.options.size()) {
          text = session.options[*n - 1];
        }
      }
      Understanding u =
          understander_->Understand(text, engine_->ListeningFor(session), today);
      info->intent = u.intent;
      info->slots_filled = static_cast<int>(u.slots.size());
      *reply = engine_->Step(u, &session);
      break;
    }
  }
  session.options.clear();
  for (const QuickReply& q : reply->quick_replies) session.options.push_back(q.payload);
  session.turns++;
  Status saved = store_->Save(&session);
  if (!saved.ok()) return saved;

  reply->session_id = session.id;
  info->expecting = reply->expecting;
  info->triage = reply->triage ? reply->triage->level : TriageLevel::kNone;
  info->scope = reply->scope;
  if (!reply->rule_ids.empty()) {
    info->rules.clear();
    for (const std::string& id : reply->rule_ids) info->rules += (info->rules.empty() ? "" : ",") + id;
  }
  return Status::OK();
}

}  // namespace kneebot

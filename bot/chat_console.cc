#include "bot/chat_console.h"

#include <istream>
#include <ostream>
#include <string>

namespace kneebot {

namespace {

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : sep) + i;
  return out;
}

void Show(const Reply& r, const Session& session, const TurnInfo& info, std::ostream& out) {
  for (const std::string& m : r.messages) out << "bot> " << m << "\n";
  for (size_t i = 0; i < r.quick_replies.size(); ++i) {
    out << "     [" << i + 1 << "] " << r.quick_replies[i].title << "  ("
        << r.quick_replies[i].payload << ")\n";
  }
  out << "  -- expecting: " << (r.expecting.empty() ? "-" : r.expecting);
  if (r.asks.size() > 1) out << " (checklist: " << Join(r.asks, ", ") << ")";
  if (r.scope != Scope::kUnset) out << "  scope: " << ScopeName(r.scope);
  out << "\n  -- slots: " << session.slots.dump() << "\n";
  out << "  -- level: " << TriageName(session.triage_floor);
  if (r.triage) out << "  (this reply: " << TriageName(r.triage->level) << ")";
  out << "  rules: " << (r.rule_ids.empty() ? "-" : Join(r.rule_ids, ", "));
  if (!r.conditions.empty()) {
    std::vector<std::string> ids;
    for (const auto& c : r.conditions) ids.push_back(c.id);
    out << "\n  -- possible causes: " << Join(ids, ", ");
  }
  out << "\n  -- intent: " << (info.intent.empty() ? "-" : info.intent) << "\n";
}

}  // namespace

int RunChat(Bot* bot, SessionStore* store, std::istream& in, std::ostream& out) {
  out << "kneebot --chat: type a message; a number taps that quick reply; /restart starts "
         "over; /quit leaves.\n";
  Activity act;
  act.type = ActivityType::kHello;
  act.channel_id = "console";
  Reply reply;
  std::string session_id;
  for (std::string line;;) {
    TurnInfo info;
    reply = Reply();
    Status s = bot->OnTurn(act, &reply, &info);
    if (!s.ok()) {
      out << "error: " << s.message() << "\n";
      return 1;
    }
    session_id = reply.session_id;
    Session session;
    if (!store->Load(session_id, &session).ok()) session = Session();
    Show(reply, session, info, out);

    out << "you> " << std::flush;
    if (!std::getline(in, line) || line == "/quit") break;
    act = Activity();
    act.channel_id = "console";
    act.session_id = session_id;
    if (line == "/restart") {
      act.type = ActivityType::kRestart;
      continue;
    }
    act.type = ActivityType::kMessage;
    act.text = line;
    // A number taps the quick reply with that number.
    if (!line.empty() && line.size() <= 2 &&
        line.find_first_not_of("0123456789") == std::string::npos) {
      const size_t n = std::stoul(line);
      if (n >= 1 && n <= reply.quick_replies.size()) act.text = reply.quick_replies[n - 1].payload;
    }
  }
  out << "\n";
  return 0;
}

}  // namespace kneebot

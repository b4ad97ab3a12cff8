"use client";
import { useEffect, useState } from "react";
import { loadSections, subscribeSections } from "./customer-data.ts";
import { readCookie } from "./cookies.ts";

interface Message {
  type: string;
  text: string;
}

function parseCookieMessages(raw: string | undefined): Message[] {
  if (!raw) return [];
  try {
    return toMessages(JSON.parse(raw));
  } catch {
    return [];
  }
}

function toMessages(value: unknown): Message[] {
  if (!Array.isArray(value)) return [];
  return value
      .filter((item): item is Message => typeof item === "object" && item !== null && typeof item.text === "string")
    .map((item) => ({ type: /^(success|error|warning|notice)$/.test(item.type) ? item.type : "notice", text: item.text.replace(/<[^>]*>/g, "") }));
}

/**
 * Session messages ("You added … to your shopping cart."), shown once: Magento hands them over in the
 * `messages` customer section and the `mage-messages` cookie; both are read client-side, never cached.
 */
export function Messages() {
  const [messages, setMessages] = useState<Message[]>([]);
  useEffect(() => {
    const fromCookie = parseCookieMessages(readCookie("mage-messages"));
    if (fromCookie.length > 0) document.cookie = "mage-messages=; path=/; max-age=0; samesite=lax";
    setMessages(fromCookie);
    const unsubscribe = subscribeSections((sections) => {
      const fromSession = toMessages(sections.messages?.messages);
      if (fromSession.length > 0) setMessages((current) => [...current, ...fromSession]);
    });
    void loadSections();
    return unsubscribe;
  }, []);
  return (
    <div className="page messages">
      <div role="alert" className="messages">
        {messages.map((message, index) => (
          <div key={index} className={`message-${message.type} ${message.type} message`}>
            <div>{message.text}</div>
          </div>
        ))}
      </div>
    </div>
  );
}

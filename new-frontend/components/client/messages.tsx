"use client";
import { useEffect, useState } from "react";
import { readCookie } from "./customer-data.ts";

interface Message {
  type: string;
  text: string;
}

function parseMessages(raw: string | undefined): Message[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    return value
      .filter((item): item is Message => typeof item === "object" && item !== null && typeof item.text === "string")
      .map((item) => ({ type: /^(success|error|warning|notice)$/.test(item.type) ? item.type : "notice", text: item.text.replace(/<[^>]*>/g, "") }));
  } catch {
    return [];
  }
}

/** Session messages Magento hands over in the `mage-messages` cookie ("You added … to your shopping cart."), shown once. */
export function Messages() {
  const [messages, setMessages] = useState<Message[]>([]);
  useEffect(() => {
    const found = parseMessages(readCookie("mage-messages"));
    if (found.length === 0) return;
    document.cookie = "mage-messages=; path=/; max-age=0; samesite=lax";
    setMessages(found);
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

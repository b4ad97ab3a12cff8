import type { Request, Response } from "express";
import { setNoCacheHeaders } from "./cache-headers.ts";
import { html } from "./html.ts";
import { getSession } from "./session.ts";

/** /admin: the Magento Admin sign-in page (a page the proxy must be able to protect). */
export function sendAdminLogin(_req: Request, res: Response): void {
  setNoCacheHeaders(res);
  const formKey = getSession(res).formKey;
  res.type("html").send(html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="robots" content="NOINDEX,NOFOLLOW"><title>Magento Admin</title></head>
<body id="html-body" class="adminhtml-auth-login page-layout-admin-login"><section class="page-wrapper"><div class="login-content">
<form method="post" action="/admin/admin/index/index/" id="login-form" autocomplete="off"><fieldset class="admin__fieldset"><legend class="admin__legend"><span>Welcome, please sign in</span></legend>
<input name="form_key" type="hidden" value="${formKey}">
<div class="admin__field _required field-username"><label for="username" class="admin__field-label"><span>Username</span></label><div class="admin__field-control"><input id="username" class="admin__control-text" type="text" name="login[username]" required></div></div>
<div class="admin__field _required field-password"><label for="login" class="admin__field-label"><span>Password</span></label><div class="admin__field-control"><input id="login" class="admin__control-text" type="password" name="login[password]" required></div></div>
<div class="form-actions"><div class="actions"><button class="action-login action-primary"><span>Sign in</span></button></div></div></fieldset></form>
<footer class="login-footer"><a class="link-copyright" href="https://magento.com" target="_blank" title="Magento"></a> Copyright © 2026 Magento Commerce Inc. All rights reserved.</footer></div></section></body></html>`.value);
}

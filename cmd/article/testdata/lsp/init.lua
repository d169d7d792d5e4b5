-- Neovim 0.7 as a client of "article lsp", for lsp_nvim_test.go: open a bad
-- article, write its diagnostics, format it, apply the quick fix that sets
-- url to the permalink, save and quit. Everything it sees goes to the file
-- $ARTICLE_OUT, one line each; an error ends with "error ...".
local bin, file, out = os.getenv("ARTICLE_BIN"), os.getenv("ARTICLE_FILE"), os.getenv("ARTICLE_OUT")
local lines = {}
local function say(s) table.insert(lines, s) end

local ok, err = pcall(function()
  local id = vim.lsp.start_client({
    name = "article",
    cmd = { bin, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":h"),
  })
  assert(id, "start_client failed")
  assert(vim.wait(10000, function()
    local c = vim.lsp.get_client_by_id(id)
    return c ~= nil and c.initialized
  end, 20), "the server did not initialize")

  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(buf, id)
  assert(vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20), "no diagnostics")
  local diags = vim.diagnostic.get(buf)
  table.sort(diags, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    return a.col < b.col
  end)
  for _, d in ipairs(diags) do
    -- lnum and col are 0-based, col in bytes (Neovim converts from UTF-16).
    say(string.format("diag %d:%d: %s", d.lnum + 1, d.col + 1, d.message))
  end

  vim.lsp.buf.formatting_sync(nil, 5000)
  say("formatted")

  local url_line
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l:match("^url") then url_line = i - 1 end
  end
  assert(url_line, "no url line after formatting")
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = { start = { line = url_line, character = 0 }, ["end"] = { line = url_line, character = 0 } },
    context = { diagnostics = {} },
  }
  local res = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 5000)
  local fixed = false
  for _, r in pairs(res or {}) do
    for _, action in ipairs(r.result or {}) do
      if not fixed and action.title:find("permalink", 1, true) then
        vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
        say("fix " .. action.title)
        fixed = true
      end
    end
  end
  assert(fixed, "no quick fix for url")
  vim.cmd("write")
  say("saved")
end)
if not ok then say("error " .. tostring(err)) end
local f = assert(io.open(out, "w"))
f:write(table.concat(lines, "\n") .. "\n")
f:close()
vim.cmd("qa!")

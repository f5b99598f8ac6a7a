-- Tally for Neovim 0.7 and later: *.tally filetype detection and the
-- `tally lsp` language server for those buffers.
--
--   require('tally').setup()                              -- `tally` on PATH
--   require('tally').setup({ cmd = { '/path/to/tally', 'lsp' } })
--
-- Uses vim.lsp.start_client + vim.lsp.buf_attach_client, which exist from
-- 0.7 on (vim.lsp.start only arrived in 0.8).
local M = {}

M.config = {
  cmd = { 'tally', 'lsp' },
  -- The server's root: the nearest directory holding one of these, else the
  -- file's own directory.
  root_markers = { 'tally.json', '.git' },
  on_attach = nil,
  settings = nil,
}

-- One client per root directory, reused by every buffer under that root.
local clients_by_root = {}

local function find_root(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  while true do
    for _, marker in ipairs(M.config.root_markers) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      return vim.fn.fnamemodify(path, ':p:h')
    end
    dir = parent
  end
end

function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' then
    return nil
  end
  local root = find_root(name)
  local id = clients_by_root[root]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client({
      name = 'tally',
      cmd = M.config.cmd,
      root_dir = root,
      workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
      settings = M.config.settings,
      on_attach = M.config.on_attach,
    })
    if not id then
      vim.notify('tally: could not start ' .. table.concat(M.config.cmd, ' '), vim.log.levels.ERROR)
      return nil
    end
    clients_by_root[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

function M.setup(opts)
  M.config = vim.tbl_extend('force', M.config, opts or {})
  local group = vim.api.nvim_create_augroup('tally', { clear = true })
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = '*.tally',
    callback = function(args)
      vim.api.nvim_buf_set_option(args.buf, 'filetype', 'tally')
    end,
  })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'tally',
    callback = function(args)
      vim.api.nvim_buf_set_option(args.buf, 'commentstring', '%% %s')
      M.start(args.buf)
    end,
  })
end

return M

#!/usr/bin/python3
# Opens .docx files in LibreOffice (headless, through the UNO bridge): counts the tracked changes
# and comments LibreOffice reads, and saves the text as UTF-8. Prints one JSON object per file.
# Used by test/docx-libreoffice.test.ts.
#
#   accept-changes.py <profile-dir> accept <in.docx> <out.txt> | comments <in.docx> <out.txt> ...
#
# accept: opened in a (hidden) window, as a user opens it, every tracked change accepted with
#   Word's "accept all" (.uno:AcceptAllTrackedChanges), then saved as text.
# comments: loaded without a window, since the comment margin of Debian's GUI-less LibreOffice
#   (libreoffice-writer-nogui) aborts when a window shows a comment; each comment's text and the
#   text it is anchored on, then saved as text.
import json
import os
import subprocess
import sys
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(profile):
    pipe = 'speechlint%d' % os.getpid()
    office = subprocess.Popen(
        ['soffice', '--headless', '--invisible', '--norestore', '--nologo',
         '-env:UserInstallation=' + uno.systemPathToFileUrl(profile),
         '--accept=pipe,name=%s;urp;' % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    resolver = uno.getComponentContext().ServiceManager.createInstanceWithContext(
        'com.sun.star.bridge.UnoUrlResolver', uno.getComponentContext())
    # LibreOffice takes a while to start the first time (it creates its profile): try for up to 5 minutes.
    for _ in range(600):
        try:
            ctx = resolver.resolve('uno:pipe,name=%s;urp;StarOffice.ComponentContext' % pipe)
            return office, ctx
        except Exception:
            if office.poll() is not None:
                raise SystemExit('soffice exited with %d' % office.returncode)
            time.sleep(0.5)
    raise SystemExit('could not connect to soffice')


def count(enumeration_access, service=None):
    found = []
    enum = enumeration_access.createEnumeration()
    while enum.hasMoreElements():
        item = enum.nextElement()
        if service is None or item.supportsService(service):
            found.append(item)
    return found


def read_comments(doc):
    return [
        {'content': field.getPropertyValue('Content'), 'anchor': field.getAnchor().getString(), 'author': field.getPropertyValue('Author')}
        for field in count(doc.getTextFields(), 'com.sun.star.text.textfield.Annotation')
    ]


def save_text(doc, target):
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(target)), (prop('FilterName', 'Text (encoded)'), prop('FilterOptions', 'UTF8,LF,,,')))


def main():
    profile, jobs = sys.argv[1], sys.argv[2:]
    office, ctx = connect(profile)
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext('com.sun.star.frame.Desktop', ctx)
    dispatcher = smgr.createInstanceWithContext('com.sun.star.frame.DispatchHelper', ctx)
    try:
        for mode, source, target in zip(jobs[0::3], jobs[1::3], jobs[2::3]):
            url = uno.systemPathToFileUrl(os.path.abspath(source))
            if mode == 'accept':
                doc = desktop.loadComponentFromURL(url, '_blank', 0, (prop('Hidden', True),))
            else:
                doc = smgr.createInstanceWithContext('com.sun.star.text.TextDocument', ctx)
                doc.load((prop('URL', url), prop('FilterName', 'MS Word 2007 XML')))
            if doc is None:
                print(json.dumps({'file': source, 'error': 'not opened'}), flush=True)
                continue
            redlines = count(doc.getRedlines())
            found = {'file': source, 'redlines': len(redlines), 'authors': sorted({r.getPropertyValue('RedlineAuthor') for r in redlines}), 'comments': read_comments(doc)}
            if mode == 'accept':
                dispatcher.executeDispatch(doc.getCurrentController().getFrame(), '.uno:AcceptAllTrackedChanges', '', 0, ())
                found['remaining'] = len(count(doc.getRedlines()))
            save_text(doc, target)
            doc.close(True)
            print(json.dumps(found, ensure_ascii=False), flush=True)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        office.wait(timeout=60)


main()
